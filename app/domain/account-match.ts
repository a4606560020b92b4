/**
 * Picking one account's statements out of a file that holds several: a credit union's combined
 * PDF (checking and savings), a Desjardins relevé of every account of a folio, an OFX or CAMT.053
 * download of several accounts. The Cashline account the file is uploaded to may have its bank
 * account number set (the worker reads it in full; a person may give only its last four
 * characters): it names the part of the file that is that account's, when exactly one account
 * of the file prints a number that agrees with it.
 */

/** An account number's letters, digits and mask characters, upper-cased: "1234 5678-90", "XXXX5678" compare as printed. */
function numberKey(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z*•]/g, "");
}

/** Characters two numbers must share at their ends to be one account's: as many as Cashline shows of a number. */
const LEAST_SHARED = 4;

/**
 * Whether a number as the file prints it and the account's number agree from the end over all
 * the characters both have, and at least four (or all of a shorter number given): "7018442291"
 * and "7018442291", "XXXXXX2291" (a masked character standing for any) and "7018442291",
 * "7018442291" and its last four "2291"; never "3018442291" and "7018442291".
 */
export function numbersAgree(printed: string, accountNumber: string): boolean {
  const key = numberKey(printed);
  const own = numberKey(accountNumber);
  const shared = Math.min(key.length, own.length);
  if (own === "" || shared < Math.min(LEAST_SHARED, own.length)) return false;
  // ("X" masks only in a number masked by several: a code's own X, "EX1", is a letter.)
  const masked = /XX|\*|•/.test(key);
  for (let i = 1; i <= shared; i++) {
    const c = key[key.length - i]!;
    if (c !== own[own.length - i] && !(c === "*" || c === "•" || (masked && c === "X"))) return false;
  }
  return true;
}

/**
 * The indexes of the accounts (each as the file prints its number, in one or more forms:
 * "815-30012-0456789" and with the code after it, "815-30012-0456789 EOP") whose number agrees
 * with the account's (numbersAgree).
 */
export function accountsMatching(accounts: readonly (string | readonly string[] | undefined)[], accountNumber: string | undefined): number[] {
  if (accountNumber === undefined || numberKey(accountNumber) === "") return [];
  return accounts.flatMap((account, i) => {
    const forms = account === undefined ? [] : typeof account === "string" ? [account] : account;
    return forms.some((form) => numbersAgree(form, accountNumber)) ? [i] : [];
  });
}

/** The index of the one account whose number agrees with the account's (accountsMatching); undefined for none or several. */
export function accountMatching(accounts: readonly (string | readonly string[] | undefined)[], accountNumber: string | undefined): number | undefined {
  const matches = accountsMatching(accounts, accountNumber);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The account's number as a message may show it: its last four characters. */
export function numberShown(accountNumber: string): string {
  return `…${numberKey(accountNumber).slice(-LEAST_SHARED)}`;
}

/**
 * The refusal's advice for a file of several accounts: what lets one of them be imported.
 * `matches`: how many of them agree with the account's number, if one was set.
 */
export function severalAccountsAdvice(accountNumber: string | undefined, matches = 0): string {
  if (accountNumber === undefined || numberKey(accountNumber) === "") {
    return "set the bank account's number on the account in Cashline (it picks that account's part of such a file), or upload each account's own statement";
  }
  return matches > 1
    ? `more than one of their numbers agrees with the number set for the account this file was uploaded to (${numberShown(accountNumber)}): set its number in full, as the file prints it, or upload each account's own statement`
    : `none of their numbers agrees with the number set for the account this file was uploaded to (${numberShown(accountNumber)}): check the account's number, or upload each account's own statement`;
}
