/**
 * AWS KMS as the key-encryption key (KEY_PROVIDER=kms): tenant data keys are wrapped by KMS
 * Encrypt and unwrapped by KMS Decrypt, so the key that protects every tenant key never
 * leaves KMS. The encryption context {tenant, version} is bound to each wrapped key (KMS
 * authenticates it, and CloudTrail records it), so a wrapped key copied to another tenant or
 * version does not unwrap — the same guarantee LocalKeyProvider gets from its AAD.
 */
import {
  DecryptCommand,
  EncryptCommand,
  KMSClient,
  type DecryptCommandOutput,
  type EncryptCommandOutput,
} from "@aws-sdk/client-kms";
import type { KeyProvider, WrapContext } from "./crypto.server.ts";

/** The part of the KMS client this provider uses (tests pass an in-memory fake). */
export interface KmsApi {
  send(command: EncryptCommand): Promise<EncryptCommandOutput>;
  send(command: DecryptCommand): Promise<DecryptCommandOutput>;
}

export const KMS_KEK_PREFIX = "kms:";

export function kmsEncryptionContext(context: WrapContext): Record<string, string> {
  return { tenant: context.tenantId, version: String(context.version) };
}

export class KmsKeyProvider implements KeyProvider {
  readonly kekId: string;

  constructor(
    private readonly kms: KmsApi,
    readonly keyId: string,
  ) {
    if (!keyId) throw new Error("a KMS key id is required");
    this.kekId = `${KMS_KEK_PREFIX}${keyId}`;
  }

  async wrap(dataKey: Buffer, context: WrapContext): Promise<Buffer> {
    let out: EncryptCommandOutput;
    try {
      out = await this.kms.send(
        new EncryptCommand({ KeyId: this.keyId, Plaintext: dataKey, EncryptionContext: kmsEncryptionContext(context) }),
      );
    } catch (error) {
      throw kmsError("wrap", this.keyId, context, error);
    }
    if (!out.CiphertextBlob) throw new Error(`KMS Encrypt with ${this.keyId} returned no ciphertext`);
    return Buffer.from(out.CiphertextBlob);
  }

  async unwrap(wrapped: Buffer, context: WrapContext): Promise<Buffer> {
    let out: DecryptCommandOutput;
    try {
      // KeyId pinned: KMS refuses a ciphertext made under any other key instead of trying it.
      out = await this.kms.send(
        new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: wrapped, EncryptionContext: kmsEncryptionContext(context) }),
      );
    } catch (error) {
      throw kmsError("unwrap", this.keyId, context, error);
    }
    if (!out.Plaintext) throw new Error(`KMS Decrypt with ${this.keyId} returned no plaintext`);
    return Buffer.from(out.Plaintext);
  }
}

function kmsError(action: "wrap" | "unwrap", keyId: string, context: WrapContext, error: unknown): Error {
  const e = error as { name?: string; message?: string };
  return new Error(
    `KMS could not ${action} data key version ${context.version} of tenant ${context.tenantId} with ${keyId}: ` +
      `${e.name ?? "Error"}: ${e.message ?? String(error)}`,
    { cause: error },
  );
}

/** The KMS key id inside a `kms:<key id>` kekId, or null for other key-encryption keys. */
export function kmsKeyIdOf(kekId: string): string | null {
  return kekId.startsWith(KMS_KEK_PREFIX) ? kekId.slice(KMS_KEK_PREFIX.length) : null;
}

/** A real KMS client; credentials come from the AWS default provider chain. */
export function createKmsClient(region: string | undefined): KMSClient {
  return new KMSClient(region ? { region } : {});
}
