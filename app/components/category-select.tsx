/** A category <select>: the organisation's categories, with a first option meaning "none". */
export function CategorySelect(props: {
  categories: readonly { id: string; name: string }[];
  value?: string;
  defaultValue?: string;
  onChange?: (categoryId: string) => void;
  name?: string;
  noneLabel: string;
  "aria-label"?: string;
}) {
  const { categories, onChange, noneLabel, ...rest } = props;
  return (
    <select {...rest} onChange={onChange ? (e) => onChange(e.target.value) : undefined}>
      <option value="">{noneLabel}</option>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

export const CASHFLOW_KINDS = ["operating", "investing", "financing"] as const;

/** The cash-flow kind of a category. */
export function KindSelect(props: { name: string; defaultValue: string; "aria-label"?: string }) {
  return (
    <select {...props}>
      {CASHFLOW_KINDS.map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </select>
  );
}
