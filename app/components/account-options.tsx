/** The organisation's accounts as <option>s: "Checking (USD)". */
export function AccountOptions({ accounts }: { accounts: readonly { id: string; name: string; currency: string }[] }) {
  return (
    <>
      {accounts.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name} ({a.currency})
        </option>
      ))}
    </>
  );
}
