/**
 * The admin area: platform settings (clusters, environment types, provisioners, policies),
 * access (teams, users, role bindings), the caller's API tokens and the audit log. One route
 * (`/admin/*`) with nested routes, so each section has its own address to link and reload.
 */
import './admin.css';
import { Navigate, Route, Routes } from 'react-router';
import { useSession } from '../../api/session';
import { EmptyState, PageHeader } from '../../components/Page';
import { AdminNav } from './AdminNav';
import { AccessSection } from './access/AccessSection';
import { AuditSection } from './audit/AuditSection';
import { ClustersSection } from './clusters/ClustersSection';
import { EnvironmentTypeEditor } from './environment-types/EnvironmentTypeEditor';
import { EnvironmentTypesSection } from './environment-types/EnvironmentTypesSection';
import { PoliciesSection } from './policies/PoliciesSection';
import { ProvisionersSection } from './provisioners/ProvisionersSection';
import { visibleSections } from './sections';
import { TokensSection } from './tokens/TokensSection';

export default function AdminPage() {
  const { access } = useSession();
  const visible = visibleSections(access);
  const first = visible[0]?.path ?? 'tokens';
  return (
    <div className="admin">
      <AdminNav sections={visible} />
      <Routes>
        <Route index element={<Navigate to={first} replace />} />
        <Route path="clusters" element={<ClustersSection />} />
        <Route path="environment-types" element={<EnvironmentTypesSection />} />
        <Route path="environment-types/new" element={<EnvironmentTypeEditor />} />
        <Route path="environment-types/:name" element={<EnvironmentTypeEditor />} />
        <Route path="provisioners" element={<ProvisionersSection />} />
        <Route path="policies" element={<PoliciesSection />} />
        <Route path="access" element={<AccessSection />} />
        <Route path="tokens" element={<TokensSection />} />
        <Route path="audit" element={<AuditSection />} />
        <Route path="*" element={<NoSuchSection />} />
      </Routes>
    </div>
  );
}

function NoSuchSection() {
  return (
    <>
      <PageHeader title="No such admin page" />
      <EmptyState title="This part of the admin area does not exist.">Pick one of the sections above.</EmptyState>
    </>
  );
}
