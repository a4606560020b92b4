import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SecondFactorForm } from "~/components/second-factor-form";
import { publicRoute } from "~/services/auth.server";
import { secondFactorAction, secondFactorLoader } from "~/services/second-factor-route.server";

export const meta: MetaFunction = () => [{ title: "Confirm it is you · Cashline" }];

// Public to the guard (it checks the session itself): reached from requireStepUp's redirect.
export async function loader(args: LoaderFunctionArgs) {
  const auth = await publicRoute(args);
  return secondFactorLoader(args, auth, "step-up");
}

export async function action(args: ActionFunctionArgs) {
  const auth = await publicRoute(args);
  return secondFactorAction(args, auth);
}

export default function StepUp() {
  return <SecondFactorForm title="Confirm it is you" intro="This needs a fresh code from your authenticator app." />;
}
