/**
 * Picking one account's statements out of a file that holds several: a credit union's combined
 * PDF (checking and savings), a Desjardins relevé of every account of a folio, an OFX or CAMT.053
 * download of several accounts. The Cashline account the file is uploaded to may have its bank
 * account number set; its last four characters (all Cashline keeps readable of it) name the part
 * of the file that is that account's, when exactly one account of the file ends with them.
 */

/** An account number's letters, digits and mask characters, upper-cased: "1234 5678-90", "XXXX5678" compare as printed. */
function numberKey(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z*•]/g, "");
}

/**
 * Whether a number as the file prints it ends with `last4`, character by character from the end,
 * a masked character ("XXXXXX13", "****5678", "••••5678") standing for any.
 */
export function numberEndsWith(printed: string, last4: string): boolean {
  const key = numberKey(printed);
  const last = numberKey(last4);
  if (last === "" || key.length < last.length) return false;
  // ("X" masks only in a number masked by several: a code's own X, "EX1", is a letter.)
  const masked = /XX|\*|•/.test(key);
  for (let i = 1; i <= last.length; i++) {
    const c = key[key.length - i]!;
    if (c !== last[last.length - i] && !(c === "*" || c === "•" || (masked && c === "X"))) return false;
  }
  return true;
}

/**
 * The indexes of the accounts (each as the file prints its number, in one or more forms: "815-30012-0456789"
 * and with the code after it, "815-30012-0456789 EOP") whose number ends with `last4`.
 */
export function accountsEndingWith(accounts: readonly (string | readonly string[] | undefined)[], last4: string | undefined): number[] {
  if (last4 === undefined || numberKey(last4) === "") return [];
  return accounts.flatMap((account, i) => {
    const forms = account === undefined ? [] : typeof account === "string" ? [account] : account;
    return forms.some((form) => numberEndsWith(form, last4)) ? [i] : [];
  });
}

/** The index of the one account whose number ends with `last4` (accountsEndingWith); undefined for none or several. */
export function accountEndingWith(accounts: readonly (string | readonly string[] | undefined)[], last4: string | undefined): number | undefined {
  const matches = accountsEndingWith(accounts, last4);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The refusal's advice for a file of several accounts: what lets one of them be imported. `matches`:
 * how many of them end with the last four set, if any were.
 */
export function severalAccountsAdvice(last4: string | undefined, matches = 0): string {
  const given = last4?.trim();
  if (!given || numberKey(given) === "") {
    return "set the bank account's number on the account in Cashline (its last four characters pick that account's part of such a file), or upload each account's own statement";
  }
  return matches > 1
    ? `more than one of their numbers ends in ${given}, the number set for the account this file was uploaded to: set it as the file prints it, with any code after it, or upload each account's own statement`
    : `none of their numbers ends in ${given}, the number set for the account this file was uploaded to: check the account's number, or upload each account's own statement`;
}
