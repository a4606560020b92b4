import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SecondFactorForm } from "~/components/second-factor-form";
import { publicRoute } from "~/services/auth.server";
import { secondFactorAction, secondFactorLoader } from "~/services/second-factor-route.server";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in · Cashline" }];

// Public to the guard: a password-only session may reach this page and no other.
export async function loader(args: LoaderFunctionArgs) {
  const auth = await publicRoute(args);
  return secondFactorLoader(args, auth, "challenge");
}

export async function action(args: ActionFunctionArgs) {
  const auth = await publicRoute(args);
  return secondFactorAction(args, auth);
}

export default function LoginMfa() {
  return <SecondFactorForm title="Two-factor sign-in" intro="Enter the 6-digit code from your authenticator app." />;
}
