import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { AppError } from "~/domain/errors";
import { requirePermission, requireStepUp } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { changeMemberRole, getMember, removeMember } from "~/services/members.server";

/** GET: one member. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "users:manage");
  return apiHandler(args.request, async () => json(await getMember(auth, args.params.userId ?? "")));
}

/** PATCH {role}: changes the role, after a fresh step-up. DELETE: removes the member (their sessions here end). */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "users:manage");
  const userId = args.params.userId ?? "";
  if (args.request.method === "PATCH") {
    requireStepUp(args, auth);
    return apiHandler(args.request, async () => json(await changeMemberRole(auth, userId, await readJsonBody(args.request))));
  }
  return apiHandler(args.request, async () => {
    if (args.request.method !== "DELETE") throw new AppError("bad_request", "Use PATCH {role} to change a member's role, or DELETE to remove them.");
    return json(await removeMember(auth, userId));
  });
}
