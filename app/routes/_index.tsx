import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { homePath } from "~/domain/permissions";
import { publicRoute } from "~/services/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const auth = await publicRoute(args);
  return redirect(auth ? homePath(auth.role) : "/login");
}
