/**
 * Picking one account's statements out of a file that holds several: a credit union's combined
 * PDF (checking and savings), a Desjardins relevé of every account of a folio, an OFX or CAMT.053
 * download of several accounts. The Cashline account the file is uploaded to may have its bank
 * account number set; its last four characters (all Cashline keeps readable of it) name the part
 * of the file that is that account's, when exactly one account of the file ends with them.
 */

/** An account number's letters and digits, upper-cased: "1234 5678-90", "XXXX5678" compare as printed. */
function alphanumeric(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

/**
 * The index of the one account among `accounts` (their numbers or names as the file prints them)
 * whose number ends with `last4`; undefined when none does, or more than one does (then none
 * is known to be it). Undefined too when no last four are given.
 */
export function accountEndingWith(accounts: readonly string[], last4: string | undefined): number | undefined {
  const ending = alphanumeric(last4 ?? "");
  if (ending.length === 0) return undefined;
  const matches = accounts.flatMap((account, i) => (alphanumeric(account).endsWith(ending) ? [i] : []));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The refusal's advice for a file of several accounts: what lets one of them be imported. */
export function severalAccountsAdvice(last4: string | undefined): string {
  return last4
    ? `none of them is the only one whose number ends in ${last4}, the number set for the account this file was uploaded to; upload each account's own statement, or check the account's number`
    : "set the bank account's number on the account in Cashline (its last four characters pick that account's part of such a file), or upload each account's own statement";
}
