import { AccountOptions } from "./account-options";

/** The account and date-range fields of the dashboard's and the transactions page's filter forms. */
export function AccountPeriodFields(props: {
  accounts: { id: string; name: string; currency: string }[];
  values: { accountId?: string; from?: string; to?: string };
  /** Label of an extra first option meaning "every account" (omit when one account must be chosen). */
  allAccountsLabel?: string;
}) {
  const { accounts, values, allAccountsLabel } = props;
  return (
    <>
      <label>
        Account
        <select name="accountId" defaultValue={values.accountId}>
          {allAccountsLabel !== undefined ? <option value="">{allAccountsLabel}</option> : null}
          <AccountOptions accounts={accounts} />
        </select>
      </label>
      <label>
        From
        <input type="date" name="from" defaultValue={values.from} />
      </label>
      <label>
        To
        <input type="date" name="to" defaultValue={values.to} />
      </label>
    </>
  );
}
