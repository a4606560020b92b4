import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/domain/errors";
import { requirePermission } from "~/services/auth.server";
import { config } from "~/services/config.server";
import { apiHandler, streamMultipartUpload } from "~/services/http.server";
import { listStatements, tooLarge, uploadStatementStream } from "~/services/statements.server";

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "statements:read");
  return apiHandler(args.request, async () => json({ statements: await listStatements(auth) }));
}

const uploadFields = z.object({ accountId: z.string().uuid("Choose the bank account this statement belongs to") });

/**
 * multipart: `accountId`, then `file` → 202 { id, status } once stored and queued. The file
 * streams through encryption to the store as it arrives (any size up to UPLOAD_MAX_BYTES).
 */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "statements:upload");
  return apiHandler(args.request, async () => {
    const { fields, result } = await streamMultipartUpload(args.request, {
      fileField: "file",
      maxBytes: config().uploadMaxBytes,
      tooLarge,
      onFile: async (file, fieldsBefore) => {
        const { accountId } = uploadFields.parse(fieldsBefore);
        return uploadStatementStream(auth, { accountId, fileName: file.fileName, source: file.data });
      },
    });
    if (!result) {
      uploadFields.parse(fields); // a missing account is the first thing to name
      throw new AppError("bad_request", 'Attach the statement as the "file" field.');
    }
    return json(result, { status: 202 });
  });
}
