import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { can } from "~/domain/permissions";
import { requirePermission } from "~/services/auth.server";

/** Settings: my sessions for everyone; members and API keys for those allowed to manage them. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  if (new URL(args.request.url).pathname.replace(/\/+$/, "") === "/settings") throw redirect("/settings/sessions");
  return json({
    tabs: [
      { to: "/settings/sessions", label: "My sessions" },
      { to: "/settings/mfa", label: "Two-factor sign-in" },
      ...(can(auth.role, "users:manage") ? [{ to: "/settings/members", label: "Members" }] : []),
      ...(can(auth.role, "apikeys:manage") ? [{ to: "/settings/api-keys", label: "API keys" }] : []),
      ...(can(auth.role, "accounts:manage") ? [{ to: "/settings/accounts", label: "Bank accounts" }] : []),
      ...(can(auth.role, "locks:manage") ? [{ to: "/settings/period-locks", label: "Period locks" }] : []),
    ],
  });
}

export default function Settings() {
  const { tabs } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label="Settings" className="filters">
        {tabs.map((t) => (
          <NavLink key={t.to} to={t.to} prefetch="intent">
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
