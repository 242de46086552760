/**
 * A `pull_request` webhook payload as GitHub sends it (action `synchronize`), trimmed of the
 * many URLs and counters Slipway never reads but keeping the shape around the fields it does.
 */
export function pullRequestPayload(): Record<string, unknown> {
  const owner = { login: 'acme', id: 9919, type: 'Organization', site_admin: false };
  const repository = {
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name: 'Shop_API',
    full_name: 'acme/Shop_API',
    private: true,
    owner,
    html_url: 'https://github.com/acme/Shop_API',
    default_branch: 'main',
  };
  return {
    action: 'synchronize',
    number: 42,
    before: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    after: 'c0ffee254729296a45a3885639ac7ca7b0a4f8d1',
    pull_request: {
      url: 'https://api.github.com/repos/acme/Shop_API/pulls/42',
      id: 1934717384,
      node_id: 'PR_kwDOABPHjc5zUlrI',
      html_url: 'https://github.com/acme/Shop_API/pull/42',
      number: 42,
      state: 'open',
      locked: false,
      title: 'Checkout: pay with a voucher',
      user: { login: 'octocat', id: 583231, type: 'User', site_admin: false },
      body: 'Adds vouchers to the checkout.',
      created_at: '2026-03-02T09:12:44Z',
      updated_at: '2026-03-04T16:01:10Z',
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      draft: false,
      head: {
        label: 'acme:feature/Vouchers',
        ref: 'feature/Vouchers',
        sha: 'c0ffee254729296a45a3885639ac7ca7b0a4f8d1',
        user: owner,
        repo: repository,
      },
      base: {
        label: 'acme:main',
        ref: 'main',
        sha: '9049f1265b7d61be4a8904a9a27120d2064dab3b',
        user: owner,
        repo: repository,
      },
      merged: false,
      commits: 3,
      additions: 120,
      deletions: 7,
      changed_files: 5,
    },
    repository,
    organization: { login: 'acme', id: 9919 },
    sender: { login: 'octocat', id: 583231, type: 'User' },
  };
}
