/**
 * /.well-known/security.txt (RFC 9116), from configuration. Pure: the clock and the origin
 * are inputs.
 */
export function securityTxt(input: { contact: string; origin: string; now: Date }): string {
  // RFC 9116 asks for an Expires less than a year ahead; computed per request, so never stale.
  const expires = new Date(input.now.getTime() + 364 * 86_400_000);
  expires.setUTCHours(0, 0, 0, 0);
  return [
    `Contact: ${input.contact}`,
    `Expires: ${expires.toISOString().replace(".000Z", "Z")}`,
    "Preferred-Languages: en",
    `Canonical: ${input.origin}/.well-known/security.txt`,
    `Policy: ${input.origin}/security`,
    "",
  ].join("\n");
}
