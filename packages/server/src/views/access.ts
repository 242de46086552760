import type { RoleBindingRecord } from '../db/stores/role-bindings.ts';
import type { ServiceRecord } from '../db/stores/services.ts';
import type { TeamRecord } from '../db/stores/teams.ts';

export function teamView(team: TeamRecord) {
  return { ...team, createdAt: team.createdAt.toISOString() };
}

export function roleBindingView(binding: RoleBindingRecord) {
  return {
    id: binding.id,
    role: binding.role,
    subject: binding.subject,
    scope: binding.scope,
    environmentTypes: binding.environmentTypes,
    createdBy: binding.createdBy,
    createdAt: binding.createdAt.toISOString(),
  };
}

export function serviceView(service: ServiceRecord) {
  return { name: service.name, owner: service.ownerTeam, createdAt: service.createdAt.toISOString() };
}
