import { formatLevel } from '../format';
import type { ParentChain, ScopeEquipment } from '../queries';
import { formatView, withScope, type View } from '../url-state';
import { Link } from './Link';

/** Overview › site › area › line › work unit, from the equipment's `path` (names from its parent chain). */
export function Breadcrumbs({ equipment, view }: { equipment: ScopeEquipment; view: View }) {
  const known = new Map<string, ParentChain>([[equipment.id, equipment]]);
  for (let parent = equipment.parent; parent; parent = parent.parent ?? null) known.set(parent.id, parent);
  // The overview stands for the enterprise.
  const crumbs = equipment.path.map((id) => known.get(id) ?? { id, name: id, level: 'Area' as const }).filter((crumb) => crumb.level !== 'Enterprise' || crumb.id === equipment.id);
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb" data-testid="breadcrumb">
      <ol>
        <li>
          <Link to={formatView(withScope(view, null))}>All sites</Link>
        </li>
        {crumbs.map((crumb) => (
          <li key={crumb.id}>
            {crumb.id === equipment.id ? (
              <span aria-current="page">{crumb.name}</span>
            ) : (
              <Link to={formatView(withScope(view, crumb.id))} title={formatLevel(crumb.level)}>
                {crumb.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
