import type { LoaderFunctionArgs } from "@remix-run/node";
import { securityTxt } from "~/domain/security-txt";
import { publicRoute } from "~/services/auth.server";
import { config } from "~/services/config.server";

/** GET /.well-known/security.txt — how to report a vulnerability (RFC 9116). */
export async function loader(args: LoaderFunctionArgs) {
  await publicRoute(args);
  const url = new URL(args.request.url);
  const origin = config().appOrigin ?? url.origin;
  const contact = config().securityContact ?? `mailto:security@${new URL(origin).hostname}`;
  return new Response(securityTxt({ contact, origin, now: new Date() }), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
