import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretCorruptedError } from './errors/index.ts';
import type { SecretKeyring } from './secretKeyring.ts';

/** A secret sealed with AES-256-GCM, as stored: every part base64, with the id of the key that sealed it. */
export interface SealedSecret {
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

/**
 * Seals and opens secrets with AES-256-GCM. `context` (e.g. tenant and org id) is authenticated
 * with the ciphertext, so a sealed secret copied to another document does not open there.
 */
export class SecretBox {
  private resolved: SecretKeyring | undefined;

  /** `keyring` may be a function: the keys are then read on first use (the dev key file is only created when needed). */
  constructor(private readonly keyring: SecretKeyring | (() => SecretKeyring)) {}

  private keys(): SecretKeyring {
    this.resolved ??= typeof this.keyring === 'function' ? this.keyring() : this.keyring;
    return this.resolved;
  }

  /** Seals `plaintext` with the current key. */
  seal(plaintext: string, context: string): SealedSecret {
    const { id, key } = this.keys().current;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  /** Opens a sealed secret with the key it names; throws `SecretKeyUnavailableError` or {@link SecretCorruptedError}. */
  open(sealed: SealedSecret, context: string): string {
    const { key } = this.keys().get(sealed.keyId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretCorruptedError(`a stored secret does not open with key "${sealed.keyId}"`);
    }
  }

  /** Whether `sealed` was sealed with an older key than the current one (re-seal it to finish a rotation). */
  isStale(sealed: SealedSecret): boolean {
    return sealed.keyId !== this.keys().current.id;
  }
}
