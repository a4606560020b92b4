import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clientInfo, publicRoute } from "~/services/auth.server";
import { signOut } from "~/services/session.server";

// Signing out is a POST (a link or image on another site must not be able to sign you out).
export async function loader(args: LoaderFunctionArgs) {
  await publicRoute(args);
  return redirect("/");
}

export async function action(args: ActionFunctionArgs) {
  await publicRoute(args);
  const setCookie = await signOut(args.request, clientInfo(args));
  return redirect("/login", { headers: { "Set-Cookie": setCookie } });
}
