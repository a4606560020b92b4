/**
 * An in-memory stand-in for AWS KMS's `send`, for Encrypt and Decrypt with symmetric keys.
 * It really encrypts (AES-256-GCM under a key of its own per key id) and enforces what KMS
 * enforces: the encryption context is authenticated, a ciphertext only decrypts under the key
 * that made it (and the KeyId, when one is given, must be that key), and a disabled key
 * refuses everything. Errors are the SDK's own exception classes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import {
  DecryptCommand,
  EncryptCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  NotFoundException,
  DisabledException,
  type DecryptCommandOutput,
  type EncryptCommandOutput,
} from "@aws-sdk/client-kms";
import type { KmsApi } from "~/services/kms.server";

const $metadata = {};

export class FakeKms implements KmsApi {
  private readonly keys = new Map<string, { material: Buffer; enabled: boolean }>();
  readonly calls: { command: "Encrypt" | "Decrypt"; keyId?: string; context?: Record<string, string> }[] = [];

  createKey(keyId: string): string {
    this.keys.set(keyId, { material: randomBytes(32), enabled: true });
    return keyId;
  }

  disableKey(keyId: string): void {
    this.keys.get(keyId)!.enabled = false;
  }

  send(command: EncryptCommand): Promise<EncryptCommandOutput>;
  send(command: DecryptCommand): Promise<DecryptCommandOutput>;
  async send(command: EncryptCommand | DecryptCommand): Promise<EncryptCommandOutput | DecryptCommandOutput> {
    if (command instanceof EncryptCommand) {
      const { KeyId, Plaintext, EncryptionContext } = command.input;
      this.calls.push({ command: "Encrypt", keyId: KeyId, context: EncryptionContext });
      const key = this.usableKey(KeyId);
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key.material, iv);
      cipher.setAAD(contextAad(EncryptionContext));
      const body = Buffer.concat([cipher.update(Plaintext!), cipher.final()]);
      const id = Buffer.from(KeyId!);
      // KMS ciphertext blobs name their key; so does this one.
      const blob = Buffer.concat([Buffer.from([id.length]), id, iv, cipher.getAuthTag(), body]);
      return { CiphertextBlob: new Uint8Array(blob), KeyId: KeyId, $metadata };
    }
    const { KeyId, CiphertextBlob, EncryptionContext } = command.input;
    this.calls.push({ command: "Decrypt", keyId: KeyId, context: EncryptionContext });
    const blob = Buffer.from(CiphertextBlob!);
    const idLength = blob[0] ?? 0;
    const blobKeyId = blob.subarray(1, 1 + idLength).toString();
    if (KeyId !== undefined && KeyId !== blobKeyId) {
      throw new IncorrectKeyException({ message: "The key ID in the request does not identify a CMK that can perform this operation.", $metadata });
    }
    const key = this.keys.get(blobKeyId);
    if (!key) throw new InvalidCiphertextException({ message: "The ciphertext is invalid.", $metadata });
    if (!key.enabled) throw new DisabledException({ message: `${blobKeyId} is disabled.`, $metadata });
    const at = 1 + idLength;
    const decipher = createDecipheriv("aes-256-gcm", key.material, blob.subarray(at, at + 12));
    decipher.setAAD(contextAad(EncryptionContext));
    decipher.setAuthTag(blob.subarray(at + 12, at + 28));
    try {
      const plaintext = Buffer.concat([decipher.update(blob.subarray(at + 28)), decipher.final()]);
      return { Plaintext: new Uint8Array(plaintext), KeyId: blobKeyId, $metadata };
    } catch {
      throw new InvalidCiphertextException({ message: "The ciphertext or its encryption context is invalid.", $metadata });
    }
  }

  private usableKey(keyId: string | undefined) {
    const key = keyId === undefined ? undefined : this.keys.get(keyId);
    if (!key) throw new NotFoundException({ message: `Key '${keyId}' does not exist`, $metadata });
    if (!key.enabled) throw new DisabledException({ message: `${keyId} is disabled.`, $metadata });
    return key;
  }
}

/** KMS treats the context as an unordered map: the same pairs in any order match. */
function contextAad(context: Record<string, string> | undefined): Buffer {
  const pairs = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(pairs));
}
