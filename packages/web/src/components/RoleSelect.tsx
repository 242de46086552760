/**
 * A labelled choice of role, for role bindings and for the least role an environment type
 * asks to deploy or approve. The roles and their order come from core, which decides access
 * with them, so the portal offers exactly the roles the server knows.
 */
import { type Role, roles } from '@slipway/core/access';
import { Field } from './Field';

export type { Role };

export function RoleSelect({
  id,
  label,
  value,
  onChange,
  problem,
  unset,
}: {
  id: string;
  label: string;
  value: Role | '';
  onChange: (role: Role | '') => void;
  problem?: string | undefined;
  /** Offer "no role chosen" first with these words (e.g. the default that then applies). */
  unset?: string;
}) {
  return (
    <Field id={id} label={label} problem={problem}>
      {(wiring) => (
        <select {...wiring} value={value} onChange={(e) => onChange(e.target.value as Role | '')}>
          {unset !== undefined && <option value="">{unset}</option>}
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
