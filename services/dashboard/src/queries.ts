/**
 * The GraphQL operations the dashboard sends (schemas/graphql/gateway.graphql is the contract) and the
 * shapes of their answers. No DOM: the unit-tested modules import these types.
 */
import type { Granularity } from './url-state';

export type EquipmentLevel = 'Enterprise' | 'Site' | 'Area' | 'WorkCenter' | 'WorkUnit';
export type WorkUnitState = 'Unknown' | 'Running' | 'Idle' | 'Setup' | 'Down' | 'PlannedDowntime';

export interface KpiElements {
  POT: number;
  PDOT: number;
  PBT: number;
  APT: number;
  ASUT: number;
  ADET: number;
  ADOT: number;
  PRI_PQ: number;
  PQ: number;
  GQ: number;
  SQ: number;
  RQ: number;
  FE: number;
  TBF: number;
  TTR: number;
}

export interface KpiFigures {
  oee: number | null;
  availability: number | null;
  effectiveness: number | null;
  qualityRatio: number | null;
}

export interface KpiBucket extends KpiFigures {
  from: string;
  to: string;
  shift: string | null;
}

export interface KpiValue {
  id: string;
  name: string;
  unit: string;
  value: number | null;
}

export interface KpiDefinition {
  version: number;
  minorStopThresholdSeconds: number;
  setupIsAvailabilityLoss: boolean;
  reprojection: { version: number; processedEvents: number; totalEvents: number; startedAt: string } | null;
}

export interface DowntimeReason {
  state: WorkUnitState;
  reasonCode: string | null;
  durationSeconds: number;
  occurrences: number;
}

export interface OeeLossBreakdown {
  plannedBusyTime: number;
  availabilityLoss: number;
  setupTime: number;
  speedLoss: number;
  qualityLoss: number;
  fullyProductiveTime: number;
}

export interface EquipmentRef {
  id: string;
  name: string;
  level: EquipmentLevel;
}

export interface ScopeSummary {
  equipment: EquipmentRef;
  total: KpiFigures & { elements: Pick<KpiElements, 'PBT' | 'PQ'> };
}

export interface WorkUnitStatus {
  workUnitId: string;
  workUnit: { name: string } | null;
  state: WorkUnitState;
  since: string;
  reasonCode: string | null;
  reasonText: string | null;
}

const FIGURES = 'oee availability effectiveness qualityRatio';

export const SITES = /* GraphQL */ `
  query DashboardSites {
    sites { id name level }
  }
`;
export interface SitesData {
  sites: EquipmentRef[];
}

/** A site card: its KPIs with a trend, and its lines, lowest OEE first. */
export const SITE_CARD = /* GraphQL */ `
  query DashboardSiteCard($scope: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {
    kpis(scope: $scope, from: $from, to: $to, granularity: $granularity) {
      total { ${FIGURES} elements { PBT PQ } }
      buckets { from to ${FIGURES} }
    }
    kpiBreakdown(scope: $scope, level: WorkCenter, from: $from, to: $to) {
      equipment { id name level }
      total { ${FIGURES} elements { PBT PQ } }
    }
  }
`;
export interface SiteCardData {
  kpis: { total: KpiFigures & { elements: Pick<KpiElements, 'PBT' | 'PQ'> }; buckets: (KpiFigures & { from: string; to: string })[] };
  kpiBreakdown: ScopeSummary[];
}

const EQUIPMENT_FIELDS = 'id name level';

/**
 * The equipment in view: `path` orders the breadcrumbs; `path` holds ids only, so the names come from the
 * parent chain (an ISA-95 hierarchy is at most four levels above a work unit).
 */
export const SCOPE = /* GraphQL */ `
  query DashboardScope($id: ID!) {
    equipment(id: $id) {
      ${EQUIPMENT_FIELDS}
      workCenterType
      timeZone
      path
      parent { ${EQUIPMENT_FIELDS} parent { ${EQUIPMENT_FIELDS} parent { ${EQUIPMENT_FIELDS} parent { ${EQUIPMENT_FIELDS} } } } }
      children { ${EQUIPMENT_FIELDS} }
    }
  }
`;
export interface ParentChain extends EquipmentRef {
  parent?: ParentChain | null;
}
export interface ScopeEquipment extends EquipmentRef {
  workCenterType: string | null;
  /** The zone its days and shifts are reckoned in; null without a work calendar (labels then follow the browser). */
  timeZone: string | null;
  path: string[];
  parent: ParentChain | null;
  children: EquipmentRef[];
}
export interface ScopeData {
  equipment: ScopeEquipment | null;
}

/** Everything behind one scope's figures over the range, in one round trip. */
export const SCOPE_FIGURES = /* GraphQL */ `
  query DashboardScopeFigures(
    $scope: ID!
    $from: DateTime!
    $to: DateTime!
    $granularity: KpiGranularity!
    $childLevel: EquipmentLevel!
    $withChildren: Boolean!
  ) {
    kpis(scope: $scope, from: $from, to: $to, granularity: $granularity) {
      total {
        ${FIGURES}
        elements { POT PDOT PBT APT ASUT ADET ADOT PRI_PQ PQ GQ SQ RQ FE TBF TTR }
        kpis { id name unit value }
      }
      buckets { from to shift ${FIGURES} }
      definition { version minorStopThresholdSeconds setupIsAvailabilityLoss reprojection { version processedEvents totalEvents startedAt } }
    }
    oeeLossBreakdown(scope: $scope, from: $from, to: $to) {
      plannedBusyTime availabilityLoss setupTime speedLoss qualityLoss fullyProductiveTime
    }
    downtimePareto(scope: $scope, from: $from, to: $to, first: 10) { state reasonCode durationSeconds occurrences }
    kpiBreakdown(scope: $scope, level: $childLevel, from: $from, to: $to) @include(if: $withChildren) {
      equipment { id name level }
      total { ${FIGURES} elements { PBT PQ } }
    }
  }
`;
export interface ScopeFiguresData {
  kpis: {
    total: KpiFigures & { elements: KpiElements; kpis: KpiValue[] };
    buckets: KpiBucket[];
    definition: KpiDefinition;
  };
  oeeLossBreakdown: OeeLossBreakdown;
  downtimePareto: DowntimeReason[];
  kpiBreakdown?: ScopeSummary[];
}
export interface ScopeFiguresVariables {
  scope: string;
  from: string;
  to: string;
  granularity: Granularity;
  childLevel: EquipmentLevel;
  withChildren: boolean;
}

const STATUS_FIELDS = 'workUnitId workUnit { name } state since reasonCode reasonText';

export const WORK_UNIT_STATUSES = /* GraphQL */ `
  query DashboardWorkUnitStatuses($scope: ID!) {
    workUnitStatuses(scope: $scope) { ${STATUS_FIELDS} }
  }
`;
export interface WorkUnitStatusesData {
  workUnitStatuses: WorkUnitStatus[];
}

export const WORK_UNIT_STATE_CHANGED = /* GraphQL */ `
  subscription DashboardWorkUnitStateChanged($scope: ID!) {
    workUnitStateChanged(scope: $scope) { ${STATUS_FIELDS} }
  }
`;
export interface WorkUnitStateChangedData {
  workUnitStateChanged: WorkUnitStatus;
}

export const KPI_CHANGED = /* GraphQL */ `
  subscription DashboardKpiChanged($scope: ID!) {
    kpiChanged(scope: $scope) { scope from to }
  }
`;
export interface KpiChangedData {
  kpiChanged: { scope: string; from: string; to: string };
}

/** The level a scope's children are at, for `kpiBreakdown`; null below work units. */
export function childLevelOf(level: EquipmentLevel): EquipmentLevel | null {
  const order: EquipmentLevel[] = ['Enterprise', 'Site', 'Area', 'WorkCenter', 'WorkUnit'];
  return order[order.indexOf(level) + 1] ?? null;
}
