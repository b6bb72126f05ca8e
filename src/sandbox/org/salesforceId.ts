const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const checksumAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const pod = '8d';
const orgCodeLength = 3;
const sequenceLength = 6;

/** The parts a sandbox record Id is made of. */
export interface SalesforceIdParts {
  /** The object's 3-character key prefix (`001`, `a0X`). */
  readonly keyPrefix: string;
  /** The org's number, unique within the sandbox process. */
  readonly orgNumber: number;
  /** The record's sequence number within its object (0-based). */
  readonly sequence: number;
}

function toBase62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = base62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  if (rest > 0) throw new RangeError(`value ${value} does not fit ${width} base-62 digits`);
  return out;
}

function fromBase62(text: string): number {
  let value = 0;
  for (const ch of text) {
    const digit = base62.indexOf(ch);
    if (digit < 0) return Number.NaN;
    value = value * 62 + digit;
  }
  return value;
}

/**
 * Salesforce-style record Ids: 15 case-sensitive characters (key prefix, pod,
 * a reserved `0`, org number, sequence) plus the 3-character case-insensitive
 * checksum that makes the 18-character form. Base-62 digits in ASCII order
 * keep Ids of one object and org sorted like their sequence numbers.
 */
export const SalesforceId = {
  /** Largest sequence number an Id can hold. */
  maxSequence: 62 ** sequenceLength - 2,

  /** Builds the 18-character Id of record `sequence` of the object with `keyPrefix` in org `orgNumber`. */
  encode(keyPrefix: string, orgNumber: number, sequence: number): string {
    const id15 = `${keyPrefix}${pod}0${toBase62(orgNumber, orgCodeLength)}${toBase62(sequence + 1, sequenceLength)}`;
    return id15 + SalesforceId.checksum(id15);
  },

  /** The 3-character suffix that turns a 15-character Id into its 18-character form. */
  checksum(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk += 1) {
      let flags = 0;
      for (let i = 0; i < 5; i += 1) {
        const ch = id15.charCodeAt(chunk * 5 + i);
        if (ch >= 65 && ch <= 90) flags |= 1 << i;
      }
      suffix += checksumAlphabet[flags];
    }
    return suffix;
  },

  /** Whether `value` looks like a 15- or 18-character Salesforce Id (with a valid checksum when 18). */
  isValid(value: string): boolean {
    if (!/^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(value)) return false;
    if (value.length === 18) {
      return value.slice(15).toUpperCase() === SalesforceId.checksum(value.slice(0, 15));
    }
    return true;
  },

  /** The 18-character form of a valid 15- or 18-character Id. */
  to18(value: string): string {
    return value.length === 18 ? value.slice(0, 15) + value.slice(15).toUpperCase() : value + SalesforceId.checksum(value);
  },

  /** The parts of an Id made by {@link SalesforceId.encode}, or undefined for any other Id. */
  decode(value: string): SalesforceIdParts | undefined {
    if (!SalesforceId.isValid(value)) return undefined;
    if (value.slice(3, 6) !== `${pod}0`) return undefined;
    const orgNumber = fromBase62(value.slice(6, 6 + orgCodeLength));
    const sequence = fromBase62(value.slice(6 + orgCodeLength, 15)) - 1;
    if (!Number.isFinite(orgNumber) || !Number.isFinite(sequence) || sequence < 0) return undefined;
    return { keyPrefix: value.slice(0, 3), orgNumber, sequence };
  },
};
