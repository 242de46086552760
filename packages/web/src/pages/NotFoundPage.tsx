import { Link } from 'react-router';
import { PageHeader } from '../components/Page';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" summary="Nothing lives at this address." />
      <Link to="/">Go to your home page</Link>
    </>
  );
}
