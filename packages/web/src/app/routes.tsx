/**
 * The portal's pages. Each is its own chunk (React.lazy), so the first page loads only its
 * own code; the graph library, for instance, arrives only with an entity page, and the chart
 * library with the Delivery page.
 */
import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { NotFoundPage } from '../pages/NotFoundPage';
import { Layout } from './Layout';

const HomePage = lazy(() => import('../pages/home/HomePage'));
const CatalogPage = lazy(() => import('../pages/catalog/CatalogPage'));
const EntityPage = lazy(() => import('../pages/catalog/EntityPage'));
const ServicePage = lazy(() => import('../pages/service/ServicePage'));
const CreatePage = lazy(() => import('../pages/create/CreatePage'));
const TemplateWizardPage = lazy(() => import('../pages/create/TemplateWizardPage'));
const TemplateRunPage = lazy(() => import('../pages/create/TemplateRunPage'));
const EnvironmentsPage = lazy(() => import('../pages/environments/EnvironmentsPage'));
const EnvironmentPage = lazy(() => import('../pages/environments/EnvironmentPage'));
const DeliveryPage = lazy(() => import('../pages/delivery/DeliveryPage'));
const AdminPage = lazy(() => import('../pages/admin/AdminPage'));
const ScorecardsPage = lazy(() => import('../pages/scorecards/ScorecardsPage'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage'));

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'catalog', element: <CatalogPage /> },
      { path: 'catalog/:kind/:namespace/:name/*', element: <EntityPage /> },
      { path: 'services/:service/*', element: <ServicePage /> },
      { path: 'create', element: <CreatePage /> },
      { path: 'create/runs/:id', element: <TemplateRunPage /> },
      { path: 'create/:namespace/:name', element: <TemplateWizardPage /> },
      { path: 'environments', element: <EnvironmentsPage /> },
      { path: 'environments/:name', element: <EnvironmentPage /> },
      { path: 'delivery', element: <DeliveryPage /> },
      { path: 'scorecards', element: <ScorecardsPage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'admin/*', element: <AdminPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
