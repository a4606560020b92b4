import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { config } from "~/services/config.server";
import { apiHandler, readMultipartUpload } from "~/services/http.server";
import { listStatements, tooLarge, uploadStatement } from "~/services/statements.server";

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "statements:read");
  return apiHandler(args.request, async () => json({ statements: await listStatements(auth) }));
}

const uploadFields = z.object({ accountId: z.string().uuid("Choose the bank account this statement belongs to") });

/** multipart: `file`, `accountId` → 202 { id, status } once stored and queued. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "statements:upload");
  return apiHandler(args.request, async () => {
    const { fields, file } = await readMultipartUpload(args.request, {
      fileField: "file",
      maxBytes: config().uploadMaxBytes,
      tooLarge,
    });
    const { accountId } = uploadFields.parse(fields);
    if (!file) throw new AppError("bad_request", 'Attach the statement as the "file" field.');
    const result = await uploadStatement(auth, { accountId, fileName: file.fileName, bytes: file.bytes });
    return json(result, { status: 202 });
  });
}
