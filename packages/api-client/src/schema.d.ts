// Generated from openapi.json by `npm run openapi`: do not edit.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the server can take traffic */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics in the text exposition format */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Versions of Slipway and its API */
        get: operations["getVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user making this request, and the token or session they came with */
        get: operations["getWhoami"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/doctor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Checks the server, its database and its Kubernetes cluster
         * @description Always answers 200; each part reports ok, warn or fail with a plain-language message.
         */
        get: operations["getDoctor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's API tokens (never their secrets) */
        get: operations["listTokens"];
        put?: never;
        /** Creates an API token; its secret is shown in this response only */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes one of the caller’s API tokens */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How one can sign in to this server */
        get: operations["getSignInMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user of this browser session, and its CSRF token */
        get: operations["getSession"];
        put?: never;
        /**
         * Signs in with a username and password; sets the session cookie
         * @description The cookie is HttpOnly and SameSite=Lax. Requests it authenticates that change something must carry the answer’s csrfToken in the x-csrf-token header.
         */
        post: operations["createSession"];
        /** Signs out: revokes this browser session and clears its cookie */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's live browser sessions */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes one of the caller’s browser sessions (e.g. on a lost laptop) */
        delete: operations["revokeSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Changes the caller’s own password; their other sessions are signed out */
        put: operations["changeOwnPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issues an API token for a username and password (what `slipway login --username` does)
         * @description Scopes read and write unless asked for fewer; expires after 30 days unless asked otherwise. Limited like sign-in.
         */
        post: operations["createTokenWithPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Starts a sign-in with the OpenID Provider: redirects there */
        get: operations["startOidcSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the OpenID Provider sends the browser back: opens a session, redirects to returnTo */
        get: operations["finishOidcSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every user */
        get: operations["listUsers"];
        put?: never;
        /** Creates a local account (with a password, it can sign in at once) */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes a user: name, e-mail, password, or disables them (which signs them out everywhere) */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/clusters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists clusters: Slipway's own (default) and the registered ones, with their last health check */
        get: operations["listClusters"];
        put?: never;
        /** Registers a cluster: its credentials are checked against it, then stored encrypted */
        post: operations["registerCluster"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{name}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Checks a registered cluster now: reachable, and which Kubernetes version */
        post: operations["checkCluster"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{name}/prometheus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the Prometheus a registered cluster's metrics are read from (checked with a query, stored encrypted) */
        put: operations["setClusterPrometheus"];
        post?: never;
        /** Forgets a registered cluster's Prometheus: its metrics are no longer read */
        delete: operations["deleteClusterPrometheus"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clusters/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unregisters a cluster no live environment uses; its credentials are deleted */
        delete: operations["deleteCluster"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environment-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists environment types */
        get: operations["listEnvironmentTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environment-types/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One environment type */
        get: operations["getEnvironmentType"];
        /** Creates or replaces an environment type (environments of the type follow at once) */
        put: operations["putEnvironmentType"];
        post?: never;
        /** Deletes an environment type no live environment uses */
        delete: operations["deleteEnvironmentType"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the environments you may see, by name, a page at a time */
        get: operations["listEnvironments"];
        put?: never;
        /** Creates an environment: its namespace, quota and limits on its cluster */
        post: operations["createEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One environment */
        get: operations["getEnvironment"];
        /** Creates an environment, or changes the settings of one */
        put: operations["putEnvironment"];
        post?: never;
        /**
         * Deletes an environment: everything in it and its namespace; its releases stay as history
         * @description Answers at once (202) with status deleting; the environment is gone when GET answers 404.
         */
        delete: operations["deleteEnvironment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{name}/clone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clones an environment: a new one with its services, each redeployed from its current release */
        post: operations["cloneEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{name}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pauses an environment: its workloads scale to zero, its CronJobs are suspended */
        post: operations["pauseEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{name}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resumes a paused environment as it was */
        post: operations["resumeEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{name}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Writes out the objects Slipway applies to an environment, as files for a GitOps tool
         * @description A kustomization.yaml and one file per object: the environment's own (Namespace, NetworkPolicy, quota) and, per service, those of its newest release that reached the cluster and did not fail. `kubectl apply -k` of the files changes nothing where Slipway deployed them. A POST because it can open secret values: every export is in the audit log.
         */
        post: operations["exportEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deploys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deploys a Score workload to an environment
         * @description Validates the Score file, provisions its resources, renders and dry-runs the objects with the API server, then stores an immutable release and returns at once (202); follow it at /releases/{id}. Any mistake is answered with 400 and the path of the offending field, and nothing is stored or applied.
         */
        post: operations["createDeploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/promotions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Promotes a healthy release to another environment, or shows the diff first (dryRun)
         * @description The same workload, image and files, rendered for the target environment under its rules. To a protected environment type the new release waits for approval by someone else (status pending_approval).
         */
        post: operations["promote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/freezes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists deploy freezes, newest first */
        get: operations["listFreezes"];
        put?: never;
        /** Declares a deploy freeze */
        post: operations["createFreeze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/freezes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Ends and removes a deploy freeze */
        delete: operations["deleteFreeze"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists notification subscriptions (never their secrets) */
        get: operations["listNotificationSubscriptions"];
        put?: never;
        /** Subscribes a destination to events; a webhook's signing secret is in this answer only */
        post: operations["createNotificationSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a subscription and its deliveries */
        delete: operations["deleteNotificationSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/subscriptions/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a notification.test event to this subscription only, through the outbox */
        post: operations["testNotificationSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists deliveries, newest first */
        get: operations["listNotificationDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/deliveries/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a delivered or dead delivery again, with the same webhook-id and a fresh count of attempts */
        post: operations["redeliverNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's inbox, newest first, with the number unread */
        get: operations["listInbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many items of the caller's inbox are unread (the portal's header) */
        get: operations["getInboxUnreadCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks inbox items read: those named, or all when ids is left out */
        post: operations["markInboxRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/releases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists releases, newest first, a page at a time */
        get: operations["listReleases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/releases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One release, with its live rollout verdict */
        get: operations["getRelease"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/releases/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed between two releases (Secret values never shown)
         * @description Against the previous release of the same service and environment unless `against` names another.
         */
        get: operations["diffRelease"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/releases/{id}/drift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Differences between a release and what is live in the cluster
         * @description Only the fields Slipway sets are compared; defaults and fields others manage are not drift.
         */
        get: operations["getDrift"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/releases/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rolls back to this release: a new release with this one's objects */
        post: operations["rollbackRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/releases/{id}/redeploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deploys this release's workload again to its environment, with a new image
         * @description The Score file and files this release was deployed with, rendered again for its environment as a new release: no need to send the workload. Freezes, policies and approvals apply as for POST /deploys (an environment whose type requires approval answers with status pending_approval).
         */
        post: operations["redeployRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/releases/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approves a release waiting for approval (not by the person who asked for it) */
        post: operations["approveRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/releases/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rejects a release waiting for approval */
        post: operations["rejectRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{service}/environments/{environment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A service in an environment: its current and its last healthy release */
        get: operations["getServiceStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{service}/environments/{environment}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events of a service's live status in an environment: release, workloads, pods
         * @description Each `status` event carries one JSON `LiveStatus` (see components): the first at once, then one whenever the release, a workload or a pod of the service changes (bursts are coalesced; nothing is sent when nothing changed). Comments keep the connection alive. The stream lasts until the client closes it.
         */
        get: operations["streamLiveStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{service}/environments/{environment}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Kubernetes Events of a service's workloads, ReplicaSets and pods, newest first */
        get: operations["listServiceEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{service}/environments/{environment}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A service's container logs; with follow=true, as server-sent events while they are written
         * @description Without `pod`, the logs of the service's first 10 pods (all their containers, or `container`). Without `tailLines` or `sinceSeconds`, the last 200 lines of each container. `search` keeps the lines containing it (case-insensitive), after the tail is taken. Lines of several containers come in the order they were written. Containers whose logs Kubernetes would not serve are listed in `unavailable` with its reason; when it serves none, the answer is 409 `logs_unavailable`. With follow=true the answer is text/event-stream: `line` events (a LogLine each), `unavailable` events, and `end` once every log ended.
         */
        get: operations["getServiceLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{service}/environments/{environment}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A service's golden signals in an environment over a time range, with its releases as markers
         * @description Request rate, error ratio, latency p50/p95/p99, CPU, memory and restarts, each from a range query of the environment cluster's Prometheus (the PromQL of the environment's type, docs/metrics.md). A signal Prometheus cannot answer has status unavailable, the others still come; with no metrics source the answer is 503 not_configured.
         */
        get: operations["getServiceMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{service}/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists a service's secret variables: names, scopes and versions, never values */
        get: operations["listSecretVariables"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{service}/secrets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Sets a secret variable for a service, or for one of its environments
         * @description Creates the value (201) or replaces it (200), sealed at rest. It takes effect on the next deploy of the service to the environments that read it.
         */
        put: operations["setSecretVariable"];
        post?: never;
        /**
         * Deletes a secret variable
         * @description Later deploys read the service-wide value instead (for an environment's own), or are refused when there is none; running workloads keep the value until their next deploy.
         */
        delete: operations["deleteSecretVariable"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/preview-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists preview sources: repositories whose pull requests get preview environments */
        get: operations["listPreviewSources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/preview-sources/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets up previews for a repository */
        put: operations["putPreviewSource"];
        post?: never;
        /** Stops previews for a repository (existing ones stay until closed or expired) */
        delete: operations["deletePreviewSource"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * GitHub webhook: pull_request events open, update and close preview environments
         * @description No API token: the body is signed with X-Hub-Signature-256 (the secret is github.webhookSecret; `slipway preview test` sends a signed event, docs/environments.md shows one with openssl and curl). Events: ping, pull_request (opened, reopened, synchronize, closed); others are acknowledged and ignored. Redeliveries (same X-GitHub-Delivery) are answered without acting twice. Events are ordered by the pull request's own updated_at: one not newer than the last acted on for that pull request is acknowledged and ignored (updated_at counts whole seconds: within one, an event that moves it forward, opened then synchronize then closed, still acts) (result ignored, the message says why), whatever its delivery id, and a closed pull request comes back only through reopened.
         */
        post: operations["githubWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit entries, newest first, by actor, target, action and time */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log as JSON lines, oldest first (the same filters) */
        get: operations["exportAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Checks the hash chain: intact, or the first entry that was edited, removed or reordered */
        get: operations["verifyAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/dora": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Deployment frequency, lead time, change failure rate and time to restore, by ISO week
         * @description Computed from Slipway's own releases in environments of one type (production by default), for one service, one team or all, over the last N ISO weeks or the days from … to, each figure with its band of the 2023 DORA report. docs/analytics.md defines every figure.
         */
        get: operations["getDora"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists teams */
        get: operations["listTeams"];
        put?: never;
        /** Creates a team */
        post: operations["createTeam"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One team, its members and its role bindings
         * @description For members of the team, anyone holding a role over it, and admins; others get 403.
         */
        get: operations["getTeam"];
        put?: never;
        post?: never;
        /** Deletes a team that owns nothing (its memberships and bindings go with it) */
        delete: operations["deleteTeam"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{name}/members/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Adds a member to a team (the team's maintainers and admins) */
        put: operations["addTeamMember"];
        post?: never;
        /** Removes a member from a team */
        delete: operations["removeTeamMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/role-bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lists role bindings: held by a user or team, or scoped to a team or service
         * @description Admins see every binding. Others see their own, those held by or given over a team they are in or hold a role over, and those over a service they may read; with `team`, that team must be one of those (else 403, as for GET /teams/{name}).
         */
        get: operations["listRoleBindings"];
        put?: never;
        /** Gives a user or a team a role, globally or over a team or a service */
        post: operations["createRoleBinding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/role-bindings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a role binding (never the last global admin binding of a user) */
        delete: operations["deleteRoleBinding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the services you may see, by name, a page at a time */
        get: operations["listServices"];
        put?: never;
        /** Registers a service before its first deploy, owned by a team */
        post: operations["createService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One service and its owner */
        get: operations["getService"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Hands a service to another team (a maintainer of both teams, or an admin) */
        patch: operations["updateService"];
        trace?: never;
    };
    "/api/v1/services/{name}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The metric checks a service declares for its releases, beside its environment types' */
        get: operations["getServiceVerification"];
        /**
         * Replaces a service's metric checks (a maintainer of its team)
         * @description Each release of the service is verified on these once its rollout is Healthy, after its environment type's checks, in the environment types a check names (all, left out). A check cannot share a name with a check of a type it applies in: a service adds checks, it does not replace the platform's. Queries are parsed by the cluster's Prometheus when one is configured, and refused in its words.
         */
        put: operations["setServiceVerification"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Searches and filters catalog entities, a page at a time, with counts per facet */
        get: operations["listCatalogEntities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/entities/{kind}/{namespace}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entity: its document, relations both ways, problems, and for a service where it runs */
        get: operations["getCatalogEntity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/entities/{kind}/{namespace}/{name}/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entity's docs pages, by path */
        get: operations["listCatalogEntityDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/entities/{kind}/{namespace}/{name}/docs/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One docs page of an entity as sanitised HTML; links to other pages point at their paths here */
        get: operations["getCatalogEntityDocsPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/docs/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Searches the docs of every entity, best match first */
        get: operations["searchCatalogDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists catalog locations */
        get: operations["listCatalogLocations"];
        put?: never;
        /**
         * Registers a catalog location and reads it at once
         * @description The target must pass catalog.allowedHosts: internal addresses, other git transports, file:// git targets (unless catalog.allowFileUrls) and any url target but http(s) are refused with 400.
         */
        post: operations["registerCatalogLocation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/locations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A catalog location, its entity count and the problems of its last refresh */
        get: operations["getCatalogLocation"];
        put?: never;
        post?: never;
        /** Removes a catalog location and the entities read from it */
        delete: operations["deleteCatalogLocation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/locations/{id}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-reads a catalog location now (unchanged entities are not rewritten) */
        post: operations["refreshCatalogLocation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Push webhook: refreshes the catalog locations of the pushed repository
         * @description No API token: GitHub push format, signed with X-Hub-Signature-256 (the secret is catalog.webhookSecret). Locations match on clone_url, ssh_url or html_url and on the pushed branch.
         */
        post: operations["catalogPushWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists templates: Slipway's golden paths and the catalog's Template entities */
        get: operations["listTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{namespace}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One template with its parameter schema */
        get: operations["getTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{namespace}/{name}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Runs a template (202, follow its events); a dry run answers 200 with the files it would write */
        post: operations["runTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/template-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Template runs, newest first: your own, or everyone’s for an admin */
        get: operations["listTemplateRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/template-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One template run with its steps (its creator or an admin) */
        get: operations["getTemplateRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/template-runs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events of a run: step status and log lines, replayed after Last-Event-ID, until it ends
         * @description Each event has `id` (its sequence number), `event` (step, log or run) and JSON `data` { seq, type, stepId, message, createdAt }. The stream ends after the `run` event.
         */
        get: operations["streamTemplateRunEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/provisioners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists resource provisioners: the platform's own first (they win a match), then the built-in ones */
        get: operations["listProvisioners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/provisioners/reload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reads the provisioner files again, on every replica, without a restart
         * @description All or nothing: if a file does not load, the answer is 400 with the file and field, and the provisioners in use stay as they were. Files are also read again when they change on disk (provisioners.watch).
         */
        post: operations["reloadProvisioners"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/provisioners/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Checks a provisioners file as the server would load it; nothing is saved
         * @description Answers with the provisioners the file holds, as GET /provisioners shows them, or 400 with every problem: the field paths point into the file (/0/match/type) and the message gives the line.
         */
        post: operations["checkProvisioners"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/provisioners/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Renders a workload for an environment with a provisioners file tried first; nothing is saved
         * @description The file's provisioners are matched before the platform's own, as if the file were first in provisioners.files; the environment type’s list of allowed provisioners applies to them too. Answers with the resources (who served each, their outputs) and every object a deploy would apply, Secret values hidden. Nothing is stored or applied.
         */
        post: operations["testProvisioners"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The policies releases are checked against, and the guardrails in force per environment type */
        get: operations["listPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scorecards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists scorecards */
        get: operations["listScorecards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scorecards/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A scorecard: its levels and rules */
        get: operations["getScorecard"];
        /**
         * Creates or replaces a scorecard (admins)
         * @description Every rule is compiled and type-checked on save: a problem is a 400 naming each offending field by its JSON Pointer, and a CEL error its line:column. Every service is then evaluated on it, in the background.
         */
        put: operations["putScorecard"];
        post?: never;
        /** Deletes a scorecard with its history (admins) */
        delete: operations["deleteScorecard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scorecards/{name}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluates a scorecard now, for one service or all (admins) */
        post: operations["evaluateScorecard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scorecards/{name}/grid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every service's result on a scorecard: services × rules, with each service's level */
        get: operations["getScorecardGrid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{name}/scorecards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A service's current result on every scorecard, each failed rule with what to do
         * @description A scorecard the service has no result on yet is evaluated for it first.
         */
        get: operations["getServiceScorecards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{name}/scorecards/{scorecard}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A service's results on a scorecard over time, newest first
         * @description A result is kept when it changed, and one a day besides: a drop shows as a row.
         */
        get: operations["getServiceScorecardHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/cel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the CEL policies, by name */
        get: operations["listCelPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/cel/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Creates or replaces a CEL policy; its expressions are compiled and type-checked first */
        put: operations["putCelPolicy"];
        post?: never;
        /** Removes a CEL policy: releases are no longer checked against it */
        delete: operations["deleteCelPolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/cel/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lists the current releases a CEL policy would refuse, without enforcing it
         * @description Evaluates the policy given in the body (not saved), or the saved one named by `name`, against the current release of every service in every environment (the newest healthy one, else the newest applied).
         */
        post: operations["dryRunCelPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/entities/by-query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backstage: entities by filter and full-text, a page at a time */
        get: operations["backstageQueryEntities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backstage: entities by filter as a plain list (getEntities); without a limit, all of them */
        get: operations["backstageListEntities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/entities/by-name/{kind}/{namespace}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backstage: one entity by kind, namespace and name, with its relations */
        get: operations["backstageGetEntityByName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/entities/by-name/{kind}/{namespace}/{name}/ancestry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Backstage: an entity and the locations it came from
         * @description The entity, then the `Location` entity of its registered location (named as Backstage names it, `generated-` and a SHA-1), as `getEntityAncestors` reads them.
         */
        get: operations["backstageGetEntityAncestry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/locations/by-entity/{kind}/{namespace}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Backstage: the location an entity was read from
         * @description Its id, type (git or url) and target, as `getLocationByEntity` reads them; the file within a git location is in the entity's backstage.io/managed-by-location annotation.
         */
        get: operations["backstageGetLocationByEntity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/entities/by-refs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Backstage: entities for a list of references, in order, null where none */
        post: operations["backstageGetEntitiesByRefs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog/entity-facets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backstage: counts per value of fields among the entities a filter keeps */
        get: operations["backstageGetEntityFacets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An error: a stable code, a message, and the offending fields */
        ErrorResponse: {
            error: {
                code: "invalid_input" | "invalid_config" | "invalid_promql" | "policy_violation" | "unauthenticated" | "forbidden" | "csrf_failed" | "self_approval" | "cluster_forbidden" | "not_found" | "method_not_allowed" | "request_timeout" | "conflict" | "already_exists" | "in_use" | "state_dir_in_use" | "last_admin" | "self_disable" | "environment_paused" | "environment_deleting" | "environment_deleted" | "release_not_awaiting_approval" | "release_never_applied" | "release_not_healthy" | "release_not_verified" | "release_is_current" | "no_healthy_release" | "ambiguous_name" | "template_run_ended" | "logs_unavailable" | "frozen" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "headers_too_large" | "internal" | "unavailable" | "not_configured" | "timeout";
                message: string;
                hint?: string;
                fields?: {
                    /** @description JSON Pointer to the offending field */
                    path: string;
                    message: string;
                    in?: "body" | "query" | "path" | "header";
                }[];
            };
        };
        ReleaseView: {
            /** Format: uuid */
            id: string;
            service: string;
            environment: string;
            /** @description Counts up per service and environment */
            number: number;
            status: "pending_approval" | "rejected" | "expired" | "queued" | "applying" | "progressing" | "verifying" | "healthy" | "degraded" | "failed" | "superseded";
            message: string;
            /** @description Digest of the rendered objects: hmac-sha256 keyed with the installation secret, since they hold Secret values */
            contentHash: string;
            image: string | null;
            commit: string | null;
            /** @description When the deployed commit was made; null: unknown */
            commitTime: string | null;
            createdBy: string;
            reason: string | null;
            rollbackOf: string | null;
            /** @description The release of another environment this one promotes */
            promotedFrom: string | null;
            /** @description For a release waiting for approval: when the request lapses */
            approvalExpiresAt: string | null;
            approvals: {
                decision: "approved" | "rejected" | "expired";
                actor: string;
                comment: string;
                /** Format: date-time */
                at: string;
            }[];
            autoRollback: boolean;
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            health: {
                [key: string]: unknown;
            } | null;
            /** @description Its metric checks once the rollout was Healthy (its environment type's and its service's); null: none applied */
            verification: {
                /** @description stopped: the release was superseded or its environment deleted before the checks decided */
                state: "running" | "passed" | "failed" | "stopped";
                /** Format: date-time */
                startedAt: string;
                /** Format: date-time */
                deadline: string;
                checks: {
                    name: string;
                    /** @description PromQL as written, with its placeholders */
                    query: string;
                    condition: {
                        op: string;
                        threshold: number;
                    };
                    intervalSeconds: number;
                    durationSeconds: number;
                    failureLimit: number;
                    inconclusive: "fail" | "pass";
                    /** @description Who declared it: the environment's type, or the service itself */
                    origin: "environment-type" | "service";
                    state: "running" | "passed" | "failed" | "stopped";
                    /** @description Why it passed or failed (the values seen and the threshold), or how far it is */
                    reason: string;
                    counts: {
                        pass: number;
                        fail: number;
                        no_data: number;
                        /** @description Samples Prometheus did not answer: never counted as failures */
                        unknown: number;
                    };
                    last: {
                        /** Format: date-time */
                        at: string;
                        outcome: "pass" | "fail" | "no_data" | "unknown";
                        /** @description One per series (at most 10 kept) */
                        values: number[];
                        message: string;
                    } | null;
                }[];
            } | null;
            /** @description What the periodic drift scan last found while it stood in its environment; null: never scanned */
            drift: {
                status: "in-sync" | "drifted";
                /** Format: date-time */
                checkedAt: string;
                objects: {
                    /** @description group/Kind/namespace/name */
                    key: string;
                    state: "missing" | "drifted";
                    /** @description JSON Pointers of the fields that departed */
                    paths: string[];
                }[];
            } | null;
        };
        EnvironmentView: {
            name: string;
            type: string;
            /** @description The cluster it lives on; 'default' is Slipway's own */
            cluster: string;
            namespace: string;
            status: "active" | "paused" | "deleting" | "deleted";
            domain?: string;
            routeKind: "Ingress" | "HTTPRoute";
            ingressClassName?: string;
            gateway?: {
                name: string;
                namespace?: string;
            };
            /** @description The type's defaults with this one's overrides */
            defaults: {
                [key: string]: unknown;
            };
            overrides: {
                [key: string]: unknown;
            };
            schedule: {
                pause: string;
                resume: string;
                timezone: string;
            } | null;
            expiresAt: string | null;
            pausedAt: string | null;
            /** @description Where it came from: a clone, or the preview of a pull request */
            origin: {
                [key: string]: unknown;
            } | null;
            createdBy: string;
            /** @description The owning team; null: shared, the platform’s (only admins manage it) */
            owner: string | null;
            /** @description GitOps mode: releases are committed here for a GitOps tool (Argo CD, Flux) to apply */
            gitops?: {
                /** @description The Git remote releases are committed to (https, ssh, git; file:// where the operator allows it) */
                repository: string;
                /** @description Default: main */
                branch?: string;
                /** @description The environment's folder. Default: its name */
                path?: string;
            };
            /** Format: date-time */
            createdAt: string;
        };
        TeamView: {
            name: string;
            displayName: string;
            /** @description local (managed here), catalog or oidc (kept in step with that source) */
            source: string;
            /** Format: date-time */
            createdAt: string;
        };
        RoleBindingView: {
            id: string;
            /** @description viewer < developer < maintainer < admin */
            role: "viewer" | "developer" | "maintainer" | "admin";
            subject: {
                kind: "user" | "team";
                name: string;
            };
            /** @description global; or a team (with `team`); or a service (with `service`) */
            scope: {
                kind: "global" | "team" | "service";
                team?: string;
                service?: string;
            };
            /**
             * @description Only for environments of these types; empty: all
             * @default []
             */
            environmentTypes: string[];
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
        };
        ServiceView: {
            name: string;
            /** @description The owning team; null: the platform's */
            owner: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        ClusterView: {
            name: string;
            server: string;
            source: "configuration" | "registered";
            /** @description healthy, unreachable or unknown (not checked yet) */
            status: string;
            /** @description The Kubernetes version it reported */
            version: string | null;
            message: string;
            checkedAt: string | null;
            createdBy: string | null;
            /** @description Whether a Prometheus is set for the cluster's metrics */
            metricsSource: boolean;
        };
        EnvironmentTypeView: {
            name: string;
            /** @default  */
            description: string;
            defaults: {
                replicas: number;
                progressDeadlineSeconds: number;
                resources?: {
                    requests?: {
                        cpu?: string;
                        memory?: string;
                    };
                    limits?: {
                        cpu?: string;
                        memory?: string;
                    };
                };
                autoscaling?: {
                    minReplicas: number;
                    maxReplicas: number;
                    targetCPUUtilizationPercentage: number;
                };
                disruptionBudget?: {
                    minAvailable?: number | string;
                    maxUnavailable?: number | string;
                };
            };
            /** @description ResourceQuota hard limits of each namespace, e.g. {"requests.cpu": "4", "pods": "50"} */
            quota?: {
                [key: string]: string;
            };
            /** @description LimitRange of each container */
            limits?: {
                defaultRequest?: {
                    cpu?: string;
                    memory?: string;
                };
                default?: {
                    cpu?: string;
                    memory?: string;
                };
                max?: {
                    cpu?: string;
                    memory?: string;
                };
            };
            /** @description Provisioner ids allowed; all when left out */
            provisioners?: string[];
            /**
             * @description Built-in policies that releases must pass
             * @default []
             */
            policies: string[];
            /**
             * @description Releases need approval by a second person
             * @default false
             */
            requiresApproval: boolean;
            /** @default 86400 */
            approvalTtlSeconds: number;
            /**
             * @description Environments of this type are deleted after this long (ephemeral)
             * @default null
             */
            ttlSeconds: number | null;
            /** @description How services' metrics are read (docs/metrics.md) */
            metrics?: {
                /** @description PromQL replacing the default query of a signal (requestRate, errorRatio, latencyP50, latencyP95, latencyP99, cpu, memory, restarts); placeholders $namespace, $service, $environment, $pods, $rate */
                signals?: {
                    [key: string]: string;
                };
            };
            /** @description Metric checks every release must pass once its rollout is Healthy; a failed check fails the release and rolls it back (docs/metrics.md) */
            verification?: {
                /** @default [] */
                checks: {
                    /** @example error-ratio */
                    name: string;
                    /** @description PromQL with the placeholders $namespace, $service, $environment, $pods, $rate */
                    query: string;
                    /** @description What every series of the answer must meet, e.g. < 0.01 */
                    condition: {
                        op: "<" | "<=" | ">" | ">=" | "==" | "!=";
                        threshold: number;
                    };
                    /** @default 30 */
                    intervalSeconds: number;
                    /** @default 600 */
                    durationSeconds: number;
                    /**
                     * @description Failed samples tolerated
                     * @default 0
                     */
                    failureLimit: number;
                    /**
                     * @description What the check becomes when too few samples could be decided (Prometheus unreachable, no series)
                     * @default fail
                     */
                    inconclusive: "fail" | "pass";
                }[];
                /**
                 * @description Promotions into environments of this type take only releases that passed verification
                 * @default false
                 */
                requireVerifiedPromotions: boolean;
            };
            /** @description The least roles to deploy to, and to approve releases for, environments of this type (default: developer deploys, maintainer approves) */
            access?: {
                /** @description viewer < developer < maintainer < admin */
                deploy?: "viewer" | "developer" | "maintainer" | "admin";
                /** @description viewer < developer < maintainer < admin */
                approve?: "viewer" | "developer" | "maintainer" | "admin";
            };
        };
        FreezeView: {
            name: string;
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            /** @description block refuses deploys; warn lets them through with a warning */
            mode: "block" | "warn";
            /** @default  */
            reason: string;
            /**
             * @description Types it covers; with environments empty too: everything
             * @default []
             */
            environmentTypes: string[];
            /** @default [] */
            environments: string[];
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
        };
        NotificationSubscription: {
            /** Format: uuid */
            id: string;
            name: string;
            channel: string;
            url: string | null;
            inboxTeam: string | null;
            inboxUser: string | null;
            events: string[];
            teams: string[];
            services: string[];
            environmentTypes: string[];
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
        };
        NotificationDelivery: {
            /**
             * Format: uuid
             * @description Sent as webhook-id on every attempt: receivers de-duplicate on it
             */
            id: string;
            /** Format: uuid */
            eventId: string;
            kind: string;
            title: string;
            /** Format: uuid */
            subscriptionId: string;
            subscriptionName: string;
            /** @description pending → delivering → delivered, or dead after the last attempt */
            status: "pending" | "delivering" | "delivered" | "dead";
            attempts: number;
            /** Format: date-time */
            nextAttemptAt: string;
            lastError: string | null;
            lastStatus: number | null;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
        };
        InboxItem: {
            /** Format: uuid */
            id: string;
            kind: string;
            title: string;
            service: string | null;
            environment: string | null;
            team: string | null;
            link: string | null;
            /** Format: date-time */
            at: string;
            readAt: string | null;
        };
        /** @description A service in an environment as it runs now */
        LiveStatus: {
            service: string;
            environment: string;
            namespace: string;
            /** @description The name of the cluster the environment lives on */
            cluster: string;
            /**
             * Format: date-time
             * @description When the server built this status
             */
            at: string;
            /** @description The newest release of the service in the environment */
            release: components["schemas"]["ReleaseView"] | null;
            workloads: {
                kind: "Deployment" | "StatefulSet" | "CronJob" | "Job";
                name: string;
                /** @description spec.replicas; a Job's completions; 0 for a CronJob */
                desired: number;
                /** @description Ready replicas; a Job's succeeded pods */
                ready: number;
                /** @description Replicas running the newest pod template; a Job's succeeded pods */
                updated: number;
                available: number;
                /** @description For a CronJob or Job: its runs */
                runs?: {
                    schedule: string | null;
                    /** @description spec.suspend (a paused environment suspends its CronJobs) */
                    suspended: boolean;
                    /** @description Jobs (of a CronJob) or pods (of a Job) running now */
                    active: number;
                    /** @description A Job's succeeded pods; 0 for a CronJob */
                    succeeded: number;
                    /** @description A Job's failed pods; 0 for a CronJob */
                    failed: number;
                    lastStartAt: string | null;
                    lastSuccessAt: string | null;
                };
            }[];
            pods: {
                name: string;
                workload: string | null;
                /** @description Pending, Running, Succeeded, Failed or Unknown */
                phase: string;
                ready: boolean;
                /** @description Container restarts, init containers included */
                restarts: number;
                reason: string | null;
                message: string | null;
                node: string | null;
                startedAt: string | null;
            }[];
        };
        ServiceMetrics: {
            service: string;
            environment: string;
            namespace: string;
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            stepSeconds: number;
            signals: {
                name: "requestRate" | "errorRatio" | "latencyP50" | "latencyP95" | "latencyP99" | "cpu" | "memory" | "restarts";
                title: string;
                /** @description requests/s, ratio, seconds, cores, bytes or restarts */
                unit: string;
                /** @description The PromQL sent, placeholders filled in */
                query: string;
                /** @description no_data: no series; invalid: Prometheus refused the query; unavailable: no answer */
                status: "ok" | "no_data" | "invalid" | "unavailable";
                message: string;
                series: {
                    labels: {
                        [key: string]: string;
                    };
                    points: {
                        /** @description Milliseconds since the epoch */
                        t: number;
                        v: number | null;
                    }[];
                    summary: {
                        last: number | null;
                        mean: number | null;
                        min: number | null;
                        max: number | null;
                    };
                    sinceRelease: {
                        before: number | null;
                        after: number | null;
                        change: number | null;
                    } | null;
                }[];
            }[];
            /** @description Releases asked for in the range, oldest first: the markers of the time axis */
            releases: {
                number: number;
                status: string;
                createdBy: string;
                image: string | null;
                /** Format: date-time */
                createdAt: string;
                finishedAt: string | null;
            }[];
            /** @description The release each series' sinceRelease compares around: the newest applied in the range */
            comparedWith: {
                number: number;
                /** Format: date-time */
                at: string;
            } | null;
        };
        /** @description A secret variable without its value: values are never returned */
        SecretVariableView: {
            name: string;
            /** @description The environment it is set for; null: every environment without its own value */
            environment: string | null;
            /** @description Counts the writes of this value */
            version: number;
            createdBy: string;
            updatedBy: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        PreviewSourceView: {
            name: string;
            /** @description owner/name on GitHub */
            repository: string;
            baseEnvironment: string;
            /** @default preview */
            environmentType: string;
            /**
             * @description {number} and {repo} are replaced
             * @default pr-{number}
             */
            namePattern: string;
            /** @description Per service, the image of a commit: {sha}, {short_sha}, {number}, {branch} are replaced */
            images: {
                [key: string]: string;
            };
            ttlSeconds?: number;
            /** Format: date-time */
            updatedAt: string;
        };
        AuditEntry: {
            /** @description Position in the chain, from 1 */
            seq: number;
            /** Format: date-time */
            at: string;
            /** @description The user, github for webhooks, anonymous when unauthenticated */
            actor: string;
            /** @description cli, api-token, portal (a browser session), api, webhook */
            via: string;
            /** @description The operation (operationId of the API document) */
            action: string;
            method: string;
            route: string;
            /** @description What it acted on, as a path: environments/dev/services/shop */
            target: string;
            status: number;
            result: "success" | "failure";
            requestId: string;
            ip: string;
            detail: {
                [key: string]: unknown;
            };
            prevHash: string;
            hash: string;
        };
        DoraFigures: {
            /** @description Changes that became healthy in the window */
            deployments: number;
            deploymentsPerDay: number | null;
            leadTime: {
                medianSeconds: number | null;
                count: number;
                /** @description Deployments left out: no commit time recorded */
                withoutCommitTime: number;
            };
            changeFailure: {
                rate: number | null;
                changes: number;
                /** @description Failed, degraded, rolled back or fixed within the fix window */
                failed: number;
            };
            timeToRestore: {
                medianSeconds: number | null;
                restored: number;
                /** @description Outages still on at the window's end */
                open: number;
            };
        };
        DoraBands: {
            /** @description The 2023 DORA report's level; null without data */
            deploymentFrequency: "elite" | "high" | "medium" | "low" | null;
            /** @description The 2023 DORA report's level; null without data */
            leadTime: "elite" | "high" | "medium" | "low" | null;
            /** @description The 2023 DORA report's level; null without data */
            changeFailureRate: "elite" | "high" | "medium" | "low" | null;
            /** @description The 2023 DORA report's level; null without data */
            timeToRestore: "elite" | "high" | "medium" | "low" | null;
        };
        CatalogLocationView: {
            /** Format: uuid */
            id: string;
            type: string;
            target: string;
            ref: string;
            paths: string[];
            /** @description pending | ok | warning (problems while reading) | error (not readable) */
            status: string;
            message: string;
            /** @description The commit (git) or content digest (url) last read */
            revision: string;
            refreshedAt: string | null;
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
        };
        TemplateView: {
            /** @description template:namespace/name */
            ref: string;
            namespace: string;
            name: string;
            title: string;
            description: string;
            type: string;
            tags: string[];
            /** @description One of Slipway's own golden paths */
            builtin: boolean;
            /** @description The parameter pages as one JSON Schema */
            parameters: {
                [key: string]: unknown;
            };
            /** @description The form’s pages as the template writes them; `parameters` merges them */
            pages: {
                title: string;
                description?: string;
                /** @description The parameters this page asks for, in order */
                properties: string[];
            }[];
            steps: {
                id: string;
                name: string;
                action: string;
            }[];
            /** @description What stops the template from running, each at its path: unknown actions (in lists and here), and expressions that will not compile (here, when one template is read). Empty: it can run */
            problems: {
                path: string;
                message: string;
            }[];
        };
        TemplateRunView: {
            id: string;
            templateRef: string;
            parameters: {
                [key: string]: unknown;
            };
            status: "queued" | "running" | "succeeded" | "failed";
            dryRun: boolean;
            owner: string | null;
            steps: {
                id: string;
                name: string;
                action: string;
                /** @description pending | running | succeeded | failed | skipped */
                status: string;
                startedAt: string | null;
                finishedAt: string | null;
                output: {
                    [key: string]: unknown;
                };
            }[];
            /** @description links, entityRef, and for a dry run the files it would write */
            output: {
                [key: string]: unknown;
            };
            error: string;
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            finishedAt: string | null;
        };
        ProvisionerView: {
            id: string;
            kind: "template" | "helm" | "static" | "score-k8s";
            /** @description configuration: the platform's own (provisioners.files), matched first; builtin: the fallback; file: from the file a check or test was sent */
            source: "configuration" | "builtin" | "file";
            description: string;
            /** @description Which requests it serves; the most specific match wins (id, then class, then environment type) */
            match: {
                /** @description The resource type it provisions (a Score resource `type`) */
                type: string;
                class?: string;
                id?: string;
                environmentType?: string;
            };
            /** @description The `params` a resource may give, from its JSON Schema */
            parameters: {
                name: string;
                /** @description The JSON Schema type(s), e.g. string, integer, or string | null */
                type: string;
                required: boolean;
                default?: unknown;
                description?: string;
                enum?: unknown[];
            }[];
            /** @description The JSON Schema of `params` as written; null when it takes none */
            paramsSchema: {
                [key: string]: unknown;
            } | null;
            /** @description What a workload reads as resources.NAME.OUTPUT */
            outputs: string[];
            /** @description Outputs kept in a Secret, never logged */
            secretOutputs: string[];
            /** @description The Helm chart a helm provisioner renders */
            chart?: {
                path?: string;
                repo?: string;
                name?: string;
                version?: string;
            };
            /** @description Environment types whose environments may use it (a type may limit its platform provisioners) */
            environmentTypes: string[];
        };
        ProvisionerLoadState: {
            /** @description The files the configuration lists, in match order */
            files: string[];
            /**
             * Format: date-time
             * @description When the provisioners in use were read
             */
            loadedAt: string;
            /** @description How many provisioners they hold */
            count: number;
            /** @description The last reload that failed after them (the previous provisioners stayed in use) */
            lastError: {
                message: string;
                /** Format: date-time */
                at: string;
            } | null;
        };
        PolicyView: {
            name: string;
            /** @description What it requires of every release */
            description: string;
            /** @description What to do about a violation */
            remedy: string;
            /** @description The environment types that enforce it */
            environmentTypes: string[];
        };
        ScorecardView: {
            name: string;
            title: string;
            description: string;
            levels: string[];
            rules: {
                id: string;
                title: string;
                level: string;
                weight: number;
                expression: string;
                remedy: string;
            }[];
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
        };
        ScorecardResultView: {
            scorecard: string;
            title: string;
            levels: string[];
            /** @description Highest level reached; null: none */
            level: string | null;
            /** @description Weighted share of passing rules, 0 to 100 */
            score: number;
            /** Format: date-time */
            evaluatedAt: string;
            rules: {
                id: string;
                title: string;
                level: string;
                weight: number;
                /** @description error: the expression failed at run time (message says why); it counts as failed */
                status: "pass" | "fail" | "error";
                message?: string;
                remedy: string;
            }[];
        };
        CelPolicyView: {
            name: string;
            expression: string;
            messageExpression?: string;
            remedy: string;
            severity: string;
            match: {
                environmentTypes: string[];
                teams: string[];
                services: string[];
            };
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            updatedBy: string;
            /** Format: date-time */
            updatedAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready: the database and the cluster answer and the server is not shutting down */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                        checks: {
                            [key: string]: {
                                ok: boolean;
                                message: string;
                                latencyMs?: number;
                            };
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not ready: the failing check says why */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "not_ready";
                        checks: {
                            [key: string]: {
                                ok: boolean;
                                message: string;
                                latencyMs?: number;
                            };
                        };
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slipway: string;
                        api: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getWhoami: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            username: string;
                        };
                        via: "token" | "session";
                        /** @description The API token, when the caller came with one */
                        token?: {
                            id: string;
                            name: string;
                            scopes: string[];
                            expiresAt: string | null;
                        };
                        /** @description The browser session, when the caller came with its cookie */
                        session?: {
                            id: string;
                            /** Format: date-time */
                            expiresAt: string;
                        };
                        /** @description What the caller may do: their teams and the roles bound to them or their teams */
                        access: {
                            /** @description A platform admin */
                            admin: boolean;
                            teams: string[];
                            roles: {
                                /** @description viewer < developer < maintainer < admin */
                                role: "viewer" | "developer" | "maintainer" | "admin";
                                /** @description user, or team:NAME when held through a team */
                                via: string;
                                /** @description global; or a team (with `team`); or a service (with `service`) */
                                scope: {
                                    kind: "global" | "team" | "service";
                                    team?: string;
                                    service?: string;
                                };
                                environmentTypes: string[];
                            }[];
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getDoctor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verdict (the worst check) and every check */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "ok" | "warn" | "fail";
                        checks: {
                            name: string;
                            status: "ok" | "warn" | "fail";
                            message: string;
                            hint?: string;
                            details?: {
                                [key: string]: string | number | boolean;
                            };
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tokens, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The first characters of the secret, to recognise it */
                            prefix: string;
                            scopes: string[];
                            /** Format: date-time */
                            createdAt: string;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @default [
                     *       "read",
                     *       "write"
                     *     ]
                     */
                    scopes?: ("read" | "write")[];
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description Created; keep the secret, it is not shown again */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The first characters of the secret, to recognise it */
                            prefix: string;
                            scopes: string[];
                            /** Format: date-time */
                            createdAt: string;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        };
                        secret: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getSignInMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sign-in methods */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        password: boolean;
                        oidc: {
                            loginUrl: string;
                        } | null;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed in; the session cookie is set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            username: string;
                            displayName: string | null;
                        };
                        /** @description Send it in the x-csrf-token header of every POST, PUT, PATCH and DELETE */
                        csrfToken: string;
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Signed in; the session cookie is set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            username: string;
                            displayName: string | null;
                        };
                        /** @description Send it in the x-csrf-token header of every POST, PUT, PATCH and DELETE */
                        csrfToken: string;
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Most recently used first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @description How it was opened: password or oidc */
                            method: string;
                            ip: string;
                            userAgent: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description Updated at most once a minute
                             */
                            lastSeenAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** @description Whether this request came with it */
                            current: boolean;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revokeSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    changeOwnPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createTokenWithPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    name?: string;
                    scopes?: ("read" | "write")[];
                    /** @default 30 */
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description Issued; keep the secret, it is not shown again */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The first characters of the secret, to recognise it */
                            prefix: string;
                            scopes: string[];
                            /** Format: date-time */
                            createdAt: string;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        };
                        secret: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    startOidcSignIn: {
        parameters: {
            query?: {
                /** @description A path on this server; default / */
                returnTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A redirect */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    finishOidcSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A redirect */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description By username */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            username: string;
                            displayName: string | null;
                            email: string | null;
                            /** @description Whether the user can sign in with a local password */
                            hasPassword: boolean;
                            /** @description The OpenID Provider they sign in through */
                            oidcIssuer: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    displayName?: string;
                    email?: string;
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            /** Format: uuid */
                            id: string;
                            username: string;
                            displayName: string | null;
                            email: string | null;
                            /** @description Whether the user can sign in with a local password */
                            hasPassword: boolean;
                            /** @description The OpenID Provider they sign in through */
                            oidcIssuer: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            /** Format: uuid */
                            id: string;
                            username: string;
                            displayName: string | null;
                            email: string | null;
                            /** @description Whether the user can sign in with a local password */
                            hasPassword: boolean;
                            /** @description The OpenID Provider they sign in through */
                            oidcIssuer: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string | null;
                    email?: string | null;
                    password?: string;
                    /** @description true signs the user out everywhere and stops their tokens */
                    disabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            /** Format: uuid */
                            id: string;
                            username: string;
                            displayName: string | null;
                            email: string | null;
                            /** @description Whether the user can sign in with a local password */
                            hasPassword: boolean;
                            /** @description The OpenID Provider they sign in through */
                            oidcIssuer: string | null;
                            disabled: boolean;
                            disabledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listClusters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ClusterView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    registerCluster: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A kubeconfig, or a ServiceAccount token with the API server and its CA */
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description A kubeconfig with everything inline (certificates as *-data); its current context is used */
                    kubeconfig: string;
                } | {
                    name: string;
                    server: string;
                    /** @description A ServiceAccount token */
                    token: string;
                    /** @description The CA certificate, base64 (PEM inside) */
                    caData?: string;
                    insecureSkipTlsVerify?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cluster: components["schemas"]["ClusterView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    checkCluster: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cluster: components["schemas"]["ClusterView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    setClusterPrometheus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Base URL of the query API
                     * @example https://prometheus.eu-west.example:9090
                     */
                    url: string;
                    bearerToken?: string;
                    /** @description Basic auth, with password */
                    username?: string;
                    password?: string;
                    /** @description PEM of the CA(s) its certificate is checked against */
                    ca?: string;
                    /** @description Accept any certificate (test servers only) */
                    insecureSkipVerify?: boolean;
                    /** @description Per query; default 10000 */
                    timeoutMs?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cluster: components["schemas"]["ClusterView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteClusterPrometheus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteCluster: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listEnvironmentTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EnvironmentTypeView"][];
                        policies: string[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getEnvironmentType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: components["schemas"]["EnvironmentTypeView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    putEnvironmentType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default  */
                    description?: string;
                    defaults: {
                        replicas: number;
                        progressDeadlineSeconds: number;
                        resources?: {
                            requests?: {
                                cpu?: string;
                                memory?: string;
                            };
                            limits?: {
                                cpu?: string;
                                memory?: string;
                            };
                        };
                        autoscaling?: {
                            minReplicas: number;
                            maxReplicas: number;
                            targetCPUUtilizationPercentage: number;
                        };
                        disruptionBudget?: {
                            minAvailable?: number | string;
                            maxUnavailable?: number | string;
                        };
                    };
                    /** @description ResourceQuota hard limits of each namespace, e.g. {"requests.cpu": "4", "pods": "50"} */
                    quota?: {
                        [key: string]: string;
                    };
                    /** @description LimitRange of each container */
                    limits?: {
                        defaultRequest?: {
                            cpu?: string;
                            memory?: string;
                        };
                        default?: {
                            cpu?: string;
                            memory?: string;
                        };
                        max?: {
                            cpu?: string;
                            memory?: string;
                        };
                    };
                    /** @description Provisioner ids allowed; all when left out */
                    provisioners?: string[];
                    /**
                     * @description Built-in policies that releases must pass
                     * @default []
                     */
                    policies?: string[];
                    /**
                     * @description Releases need approval by a second person
                     * @default false
                     */
                    requiresApproval?: boolean;
                    /** @default 86400 */
                    approvalTtlSeconds?: number;
                    /**
                     * @description Environments of this type are deleted after this long (ephemeral)
                     * @default null
                     */
                    ttlSeconds?: number | null;
                    /** @description How services' metrics are read (docs/metrics.md) */
                    metrics?: {
                        /** @description PromQL replacing the default query of a signal (requestRate, errorRatio, latencyP50, latencyP95, latencyP99, cpu, memory, restarts); placeholders $namespace, $service, $environment, $pods, $rate */
                        signals?: {
                            [key: string]: string;
                        };
                    };
                    /** @description Metric checks every release must pass once its rollout is Healthy; a failed check fails the release and rolls it back (docs/metrics.md) */
                    verification?: {
                        /** @default [] */
                        checks?: {
                            /** @example error-ratio */
                            name: string;
                            /** @description PromQL with the placeholders $namespace, $service, $environment, $pods, $rate */
                            query: string;
                            /** @description What every series of the answer must meet, e.g. < 0.01 */
                            condition: {
                                op: "<" | "<=" | ">" | ">=" | "==" | "!=";
                                threshold: number;
                            };
                            /** @default 30 */
                            intervalSeconds?: number;
                            /** @default 600 */
                            durationSeconds?: number;
                            /**
                             * @description Failed samples tolerated
                             * @default 0
                             */
                            failureLimit?: number;
                            /**
                             * @description What the check becomes when too few samples could be decided (Prometheus unreachable, no series)
                             * @default fail
                             */
                            inconclusive?: "fail" | "pass";
                        }[];
                        /**
                         * @description Promotions into environments of this type take only releases that passed verification
                         * @default false
                         */
                        requireVerifiedPromotions?: boolean;
                    };
                    /** @description The least roles to deploy to, and to approve releases for, environments of this type (default: developer deploys, maintainer approves) */
                    access?: {
                        /** @description viewer < developer < maintainer < admin */
                        deploy?: "viewer" | "developer" | "maintainer" | "admin";
                        /** @description viewer < developer < maintainer < admin */
                        approve?: "viewer" | "developer" | "maintainer" | "admin";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: components["schemas"]["EnvironmentTypeView"];
                        /** @description Environments whose quota and limits were updated */
                        environments: string[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteEnvironmentType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listEnvironments: {
        parameters: {
            query?: {
                /** @description Include deleted ones (their history stays) */
                deleted?: boolean;
                limit?: number;
                /** @description The previous page's `nextCursor`: the items after its last one */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EnvironmentView"][];
                        /** @description Present when there may be more: pass it as `cursor` for the next page */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description An environment type: slipway env-type list */
                    type: string;
                    cluster?: string;
                    namespace?: string;
                    domain?: string;
                    routeKind?: "Ingress" | "HTTPRoute";
                    ingressClassName?: string;
                    gateway?: {
                        name: string;
                        namespace?: string;
                    };
                    /** @description Overrides of the type's defaults */
                    defaults?: {
                        replicas?: number;
                        progressDeadlineSeconds?: number;
                    };
                    schedule?: {
                        /** @description Cron expression, e.g. 0 20 * * 1-5 */
                        pause: string;
                        /** @description Cron expression, e.g. 0 7 * * 1-5 */
                        resume: string;
                        /** @description IANA time zone; UTC when left out */
                        timezone?: string;
                    } | null;
                    /** @description GitOps mode: releases are committed here for a GitOps tool (Argo CD, Flux) to apply */
                    gitops?: {
                        /** @description The Git remote releases are committed to (https, ssh, git; file:// where the operator allows it) */
                        repository: string;
                        /** @description Default: main */
                        branch?: string;
                        /** @description The environment's folder. Default: its name */
                        path?: string;
                    };
                    /** @description Deleted after this long; 0: never. Default: the type's */
                    ttlSeconds?: number;
                    /** @description The owning team; left out, your only team; shared (only admins manage it) when you have none */
                    owner?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: components["schemas"]["EnvironmentView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: components["schemas"]["EnvironmentView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    putEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An environment type: slipway env-type list */
                    type: string;
                    cluster?: string;
                    namespace?: string;
                    domain?: string;
                    routeKind?: "Ingress" | "HTTPRoute";
                    ingressClassName?: string;
                    gateway?: {
                        name: string;
                        namespace?: string;
                    };
                    /** @description Overrides of the type's defaults */
                    defaults?: {
                        replicas?: number;
                        progressDeadlineSeconds?: number;
                    };
                    schedule?: {
                        /** @description Cron expression, e.g. 0 20 * * 1-5 */
                        pause: string;
                        /** @description Cron expression, e.g. 0 7 * * 1-5 */
                        resume: string;
                        /** @description IANA time zone; UTC when left out */
                        timezone?: string;
                    } | null;
                    /** @description GitOps mode: releases are committed here for a GitOps tool (Argo CD, Flux) to apply */
                    gitops?: {
                        /** @description The Git remote releases are committed to (https, ssh, git; file:// where the operator allows it) */
                        repository: string;
                        /** @description Default: main */
                        branch?: string;
                        /** @description The environment's folder. Default: its name */
                        path?: string;
                    };
                    /** @description Deleted after this long; 0: never. Default: the type's */
                    ttlSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: components["schemas"]["EnvironmentView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: components["schemas"]["EnvironmentView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    cloneEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description An environment type: slipway env-type list */
                    type?: string;
                    cluster?: string;
                    namespace?: string;
                    domain?: string;
                    routeKind?: "Ingress" | "HTTPRoute";
                    ingressClassName?: string;
                    gateway?: {
                        name: string;
                        namespace?: string;
                    };
                    /** @description Overrides of the type's defaults */
                    defaults?: {
                        replicas?: number;
                        progressDeadlineSeconds?: number;
                    };
                    schedule?: {
                        /** @description Cron expression, e.g. 0 20 * * 1-5 */
                        pause: string;
                        /** @description Cron expression, e.g. 0 7 * * 1-5 */
                        resume: string;
                        /** @description IANA time zone; UTC when left out */
                        timezone?: string;
                    } | null;
                    /** @description GitOps mode: releases are committed here for a GitOps tool (Argo CD, Flux) to apply */
                    gitops?: {
                        /** @description The Git remote releases are committed to (https, ssh, git; file:// where the operator allows it) */
                        repository: string;
                        /** @description Default: main */
                        branch?: string;
                        /** @description The environment's folder. Default: its name */
                        path?: string;
                    };
                    /** @description Deleted after this long; 0: never. Default: the type's */
                    ttlSeconds?: number;
                    /** @description The owning team; left out, your only team; shared (only admins manage it) when you have none */
                    owner?: string;
                    /** @description New images by service name */
                    images?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: components["schemas"]["EnvironmentView"];
                        /** @description Services deployed into the clone */
                        releases: number;
                        warnings: string[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    pauseEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: components["schemas"]["EnvironmentView"];
                        /** @description Deployments and StatefulSets scaled (down or back up) */
                        scaledDown: number;
                        /** @description CronJobs suspended (or let go again) */
                        suspended: number;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    resumeEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: components["schemas"]["EnvironmentView"];
                        /** @description Deployments and StatefulSets scaled (down or back up) */
                        scaledDown: number;
                        /** @description CronJobs suspended (or let go again) */
                        suspended: number;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    exportEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Also write Secrets with their values opened (needs the right to manage the environment). Left out, Secrets are not exported and are listed in `omitted`. */
                    includeSecrets?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: string;
                        namespace: string;
                        /** @description Per service, the newest release that reached the cluster and did not fail: the one exported */
                        releases: {
                            service: string;
                            id: string;
                            number: number;
                            status: string;
                        }[];
                        /** @description kustomization.yaml first, then one YAML file per object in apply order */
                        files: {
                            path: string;
                            content: string;
                        }[];
                        omitted: {
                            service: string;
                            kind: string;
                            name: string;
                            reason: string;
                        }[];
                        /** @description Services with releases here that the caller may not read: left out */
                        hiddenServices: number;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createDeploy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    environment: string;
                    /** @description The Score file (score.dev/v1b1), as YAML or JSON text or as a JSON object; either form is held to the same limits per field (see "Limits" at the top of this reference) */
                    workload: string | {
                        [key: string]: unknown;
                    };
                    service?: string;
                    /** @description The team that owns the service if this is its first deploy; left out, your only team. Ignored afterwards */
                    owner?: string;
                    /** @description Overrides the image of containers whose image is '.' (or of the only container) */
                    image?: string;
                    commit?: string;
                    /**
                     * Format: date-time
                     * @description When the commit was made (RFC 3339, e.g. from `git show -s --format=%cI`): the start of the lead time for changes (docs/analytics.md)
                     */
                    commitTime?: string;
                    reason?: string;
                    /**
                     * @description Roll back to the last healthy release if this one fails
                     * @default true
                     */
                    autoRollback?: boolean;
                    /** @description Contents of the files the Score file names by `source`, keyed by that path */
                    files?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Stored and queued (or waiting for approval: status pending_approval) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        release: components["schemas"]["ReleaseView"];
                        /** @description e.g. a deploy freeze in warn mode */
                        warnings: string[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    promote: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    service: string;
                    from: string;
                    to: string;
                    /** @description Release number in 'from'; its newest healthy one when left out */
                    number?: number;
                    reason?: string;
                    /** @description Only show the diff against what runs in the target */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description dryRun: what would change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        source: components["schemas"]["ReleaseView"];
                        current: components["schemas"]["ReleaseView"] | null;
                        /** @description added, removed, changed (with field changes), unchanged */
                        diff: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        source: components["schemas"]["ReleaseView"];
                        current: components["schemas"]["ReleaseView"] | null;
                        /** @description added, removed, changed (with field changes), unchanged */
                        diff: {
                            [key: string]: unknown;
                        };
                        release: components["schemas"]["ReleaseView"];
                        warnings: string[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listFreezes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["FreezeView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createFreeze: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: date-time */
                    startsAt: string;
                    /** Format: date-time */
                    endsAt: string;
                    /** @description block refuses deploys; warn lets them through with a warning */
                    mode: "block" | "warn";
                    /** @default  */
                    reason: string;
                    /**
                     * @description Types it covers; with environments empty too: everything
                     * @default []
                     */
                    environmentTypes: string[];
                    /** @default [] */
                    environments: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        freeze: components["schemas"]["FreezeView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteFreeze: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listNotificationSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["NotificationSubscription"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createNotificationSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description webhook: a JSON POST signed per Standard Webhooks; slack: a Slack-compatible incoming webhook; inbox: the portal */
                    channel: "webhook" | "slack" | "inbox";
                    /** @description webhook and slack: where to POST (checked against catalog.allowedHosts) */
                    url?: string;
                    /** @description inbox: every member's inbox */
                    team?: string;
                    /**
                     * Format: uuid
                     * @description inbox: one user's inbox
                     */
                    userId?: string;
                    /**
                     * @description Only these events; empty: any
                     * @default []
                     */
                    events: ("release.healthy" | "release.failed" | "release.rolled_back" | "verification.failed" | "approval.requested" | "approval.given" | "preview.ready" | "drift.found" | "freeze.started" | "scorecard.level_dropped" | "policy.violation" | "notification.test")[];
                    /**
                     * @description Only events of these teams (owner of the service); empty: any
                     * @default []
                     */
                    teams: string[];
                    /**
                     * @description Only events of these services; empty: any
                     * @default []
                     */
                    services: string[];
                    /**
                     * @description Only events of these environment types; empty: any
                     * @default []
                     */
                    environmentTypes: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["NotificationSubscription"];
                        /** @description whsec_…: verify webhook-signature with it. Shown once; null for slack and inbox */
                        secret: string | null;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteNotificationSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    testNotificationSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        eventId: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listNotificationDeliveries: {
        parameters: {
            query?: {
                /** @description pending → delivering → delivered, or dead after the last attempt */
                status?: "pending" | "delivering" | "delivered" | "dead";
                /** @description A subscription id */
                subscription?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["NotificationDelivery"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    redeliverNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description pending → delivering → delivered, or dead after the last attempt */
                        status: "pending" | "delivering" | "delivered" | "dead";
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listInbox: {
        parameters: {
            query?: {
                /** @description Only unread items */
                unread?: boolean;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["InboxItem"][];
                        unread: number;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getInboxUnreadCount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        unread: number;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    markInboxRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        marked: number;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listReleases: {
        parameters: {
            query?: {
                service?: string;
                environment?: string;
                limit?: number;
                /** @description The previous page's `nextCursor`: the releases older than its last one */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ReleaseView"][];
                        /** @description Present when there may be more: pass it as `cursor` for the next page */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        release: components["schemas"]["ReleaseView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    diffRelease: {
        parameters: {
            query?: {
                against?: string;
                /** @description Also list the changes of Slipway's own release and version labels (left out by default and counted in `hidden`) */
                all?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: {
                            id: string;
                            number: number;
                        } | null;
                        to: {
                            id: string;
                            number: number;
                        };
                        /** @description added, removed, changed (with field changes), unchanged, and hidden: how many changes of Slipway's own labels were left out */
                        diff: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getDrift: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        release: {
                            id: string;
                            number: number;
                        };
                        status: "in-sync" | "drifted";
                        objects: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rollbackRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        release: components["schemas"]["ReleaseView"];
                        warnings: string[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    redeployRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Overrides the image of containers whose image is '.' (or of the only container) */
                    image?: string;
                    /** @description Left out: this release's commit */
                    commit?: string;
                    /**
                     * Format: date-time
                     * @description When the commit was made; left out: this release's, if the commit is the same
                     */
                    commitTime?: string;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Stored and queued (or waiting for approval: status pending_approval) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        release: components["schemas"]["ReleaseView"];
                        /** @description e.g. a deploy freeze in warn mode */
                        warnings: string[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    approveRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        release: components["schemas"]["ReleaseView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rejectRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        release: components["schemas"]["ReleaseView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getServiceStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service: string;
                environment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        environment: string;
                        current: components["schemas"]["ReleaseView"] | null;
                        lastHealthy: components["schemas"]["ReleaseView"] | null;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    streamLiveStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service: string;
                environment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream of `status` events, each a LiveStatus */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        /** @enum {string} */
                        event: "status";
                        data: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listServiceEvents: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                service: string;
                environment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Normal or Warning */
                            type: string;
                            reason: string;
                            message: string;
                            /** @description Kind/name of the object it is about */
                            object: string;
                            count: number;
                            firstAt: string | null;
                            lastAt: string | null;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getServiceLogs: {
        parameters: {
            query?: {
                pod?: string;
                container?: string;
                tailLines?: number;
                sinceSeconds?: number;
                search?: string;
                /** @description The container's previous instance (why it crashed) */
                previous?: boolean;
                follow?: boolean;
            };
            header?: never;
            path: {
                service: string;
                environment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lines, or with follow=true a text/event-stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lines: {
                            pod: string;
                            container: string;
                            at: string | null;
                            text: string;
                        }[];
                        unavailable: {
                            pod: string;
                            container: string;
                            /** @description Kubernetes' reason */
                            message: string;
                        }[];
                    };
                    "text/event-stream": {
                        /** @enum {string} */
                        event: "unavailable";
                        data: string;
                    } | {
                        /** @enum {string} */
                        event: "line";
                        data: string;
                    } | {
                        /** @enum {string} */
                        event: "end";
                        data: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getServiceMetrics: {
        parameters: {
            query?: {
                /** @description The range: from this long ago to now */
                sinceSeconds?: number;
            };
            header?: never;
            path: {
                service: string;
                environment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceMetrics"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listSecretVariables: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["SecretVariableView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    setSecretVariable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service: string;
                /** @description Letters, digits and _, not starting with a digit; read in Score files as ${secrets.NAME} */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The value, at most 65536 bytes of UTF-8. Write-only: never returned. */
                    value: string;
                    /** @description Set it for this environment only; left out: for every environment without its own value */
                    environment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        secret: components["schemas"]["SecretVariableView"];
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        secret: components["schemas"]["SecretVariableView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteSecretVariable: {
        parameters: {
            query?: {
                /** @description The environment's own value; left out: the service-wide value */
                environment?: string;
            };
            header?: never;
            path: {
                service: string;
                /** @description Letters, digits and _, not starting with a digit; read in Score files as ${secrets.NAME} */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listPreviewSources: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PreviewSourceView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    putPreviewSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description owner/name on GitHub */
                    repository: string;
                    baseEnvironment: string;
                    /** @default preview */
                    environmentType: string;
                    /**
                     * @description {number} and {repo} are replaced
                     * @default pr-{number}
                     */
                    namePattern: string;
                    /** @description Per service, the image of a commit: {sha}, {short_sha}, {number}, {branch} are replaced */
                    images: {
                        [key: string]: string;
                    };
                    ttlSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        source: components["schemas"]["PreviewSourceView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deletePreviewSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    githubWebhook: {
        parameters: {
            query?: never;
            header?: {
                "x-hub-signature-256"?: string;
                "x-github-event"?: string;
                "x-github-delivery"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        result: "created" | "updated" | "deleted" | "ignored" | "duplicate";
                        environment?: string;
                        releases?: string[];
                        message: string;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        result: "created" | "updated" | "deleted" | "ignored" | "duplicate";
                        environment?: string;
                        releases?: string[];
                        message: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listAudit: {
        parameters: {
            query?: {
                actor?: string;
                /** @description This target and everything below it */
                target?: string;
                action?: string;
                since?: string;
                until?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditEntry"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    exportAudit: {
        parameters: {
            query?: {
                actor?: string;
                /** @description This target and everything below it */
                target?: string;
                action?: string;
                since?: string;
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    verifyAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        checked: number;
                        broken?: {
                            seq: number;
                            reason: string;
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getDora: {
        parameters: {
            query?: {
                service?: string;
                /** @description The services this team owns */
                team?: string;
                /** @description Whose environments count; default production */
                environmentType?: string;
                /** @description The last N ISO weeks, this one included; default 12 */
                weeks?: number;
                /** @description First day (UTC), with to */
                from?: string;
                /** @description Last day (UTC, included), with from */
                to?: string;
                /** @description A change followed by the next within this many hours needed a fix; default 1, 0: never */
                fixWindowHours?: number;
                groupBy?: "service" | "team" | "environmentType";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        from: string;
                        /**
                         * Format: date-time
                         * @description Exclusive
                         */
                        to: string;
                        /**
                         * Format: date-time
                         * @description The figures are as of this moment
                         */
                        now: string;
                        environmentTypes: string[];
                        fixWindowHours: number;
                        figures: components["schemas"]["DoraFigures"];
                        bands: components["schemas"]["DoraBands"];
                        weeks: {
                            /** @description ISO week, e.g. 2026-W48 */
                            week: string;
                            /**
                             * Format: date-time
                             * @description Monday 00:00 UTC
                             */
                            start: string;
                            figures: components["schemas"]["DoraFigures"];
                            bands: components["schemas"]["DoraBands"];
                        }[];
                        groups?: {
                            /** @description The group's value; null: no owning team */
                            key: string | null;
                            figures: components["schemas"]["DoraFigures"];
                            bands: components["schemas"]["DoraBands"];
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listTeams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["TeamView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createTeam: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    displayName?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["TeamView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["TeamView"];
                        members: {
                            username: string;
                            displayName: string | null;
                            source: string;
                        }[];
                        /** @description Roles held by the team, and roles over it */
                        bindings: components["schemas"]["RoleBindingView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    addTeamMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: {
                            username: string;
                            displayName: string | null;
                            source: string;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    removeTeamMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listRoleBindings: {
        parameters: {
            query?: {
                user?: string;
                team?: string;
                service?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["RoleBindingView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createRoleBinding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description viewer < developer < maintainer < admin */
                    role: "viewer" | "developer" | "maintainer" | "admin";
                    subject: {
                        kind: "user" | "team";
                        name: string;
                    };
                    /** @description global; or a team (with `team`); or a service (with `service`) */
                    scope: {
                        kind: "global" | "team" | "service";
                        team?: string;
                        service?: string;
                    };
                    /**
                     * @description Only for environments of these types; empty: all
                     * @default []
                     */
                    environmentTypes: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        binding: components["schemas"]["RoleBindingView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteRoleBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listServices: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The previous page's `nextCursor`: the items after its last one */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ServiceView"][];
                        /** @description Present when there may be more: pass it as `cursor` for the next page */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createService: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description The owning team; left out, your only team */
                    owner?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: components["schemas"]["ServiceView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: components["schemas"]["ServiceView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The new team; null: the platform's */
                    owner: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: components["schemas"]["ServiceView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getServiceVerification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        checks: {
                            /** @example error-ratio */
                            name: string;
                            /** @description PromQL with the placeholders $namespace, $service, $environment, $pods, $rate */
                            query: string;
                            /** @description What every series of the answer must meet, e.g. < 0.01 */
                            condition: {
                                op: "<" | "<=" | ">" | ">=" | "==" | "!=";
                                threshold: number;
                            };
                            /** @default 30 */
                            intervalSeconds: number;
                            /** @default 600 */
                            durationSeconds: number;
                            /**
                             * @description Failed samples tolerated
                             * @default 0
                             */
                            failureLimit: number;
                            /**
                             * @description What the check becomes when too few samples could be decided (Prometheus unreachable, no series)
                             * @default fail
                             */
                            inconclusive: "fail" | "pass";
                            /** @description The environment types whose environments verify it; left out, all of them */
                            environmentTypes?: string[];
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    setServiceVerification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description All of the service's checks, replacing those it had; an empty list removes them */
                    checks: {
                        /** @example error-ratio */
                        name: string;
                        /** @description PromQL with the placeholders $namespace, $service, $environment, $pods, $rate */
                        query: string;
                        /** @description What every series of the answer must meet, e.g. < 0.01 */
                        condition: {
                            op: "<" | "<=" | ">" | ">=" | "==" | "!=";
                            threshold: number;
                        };
                        /** @default 30 */
                        intervalSeconds?: number;
                        /** @default 600 */
                        durationSeconds?: number;
                        /**
                         * @description Failed samples tolerated
                         * @default 0
                         */
                        failureLimit?: number;
                        /**
                         * @description What the check becomes when too few samples could be decided (Prometheus unreachable, no series)
                         * @default fail
                         */
                        inconclusive?: "fail" | "pass";
                        /** @description The environment types whose environments verify it; left out, all of them */
                        environmentTypes?: string[];
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        checks: {
                            /** @example error-ratio */
                            name: string;
                            /** @description PromQL with the placeholders $namespace, $service, $environment, $pods, $rate */
                            query: string;
                            /** @description What every series of the answer must meet, e.g. < 0.01 */
                            condition: {
                                op: "<" | "<=" | ">" | ">=" | "==" | "!=";
                                threshold: number;
                            };
                            /** @default 30 */
                            intervalSeconds: number;
                            /** @default 600 */
                            durationSeconds: number;
                            /**
                             * @description Failed samples tolerated
                             * @default 0
                             */
                            failureLimit: number;
                            /**
                             * @description What the check becomes when too few samples could be decided (Prometheus unreachable, no series)
                             * @default fail
                             */
                            inconclusive: "fail" | "pass";
                            /** @description The environment types whose environments verify it; left out, all of them */
                            environmentTypes?: string[];
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listCatalogEntities: {
        parameters: {
            query?: {
                /** @description Kinds, e.g. Component; repeat it or separate values with commas for any of them */
                kind?: string[];
                /** @description Namespaces; repeat it or separate values with commas for any of them */
                namespace?: string[];
                /** @description spec.type, e.g. service; repeat it or separate values with commas for any of them */
                type?: string[];
                /** @description Owners: team-a or group:default/team-a; repeat it or separate values with commas for any of them */
                owner?: string[];
                /** @description spec.lifecycle, e.g. production; repeat it or separate values with commas for any of them */
                lifecycle?: string[];
                /** @description Systems; repeat it or separate values with commas for any of them */
                system?: string[];
                /** @description Tags; an entity with any of them matches; repeat it or separate values with commas for any of them */
                tag?: string[];
                /** @description Full-text search; the last word is a prefix */
                q?: string;
                limit?: number;
                /** @description nextCursor of the previous page; it carries the filters */
                cursor?: string;
                /** @description Counts per value of these, comma-separated: kind, namespace, type, owner, lifecycle, system, tag */
                facets?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description kind:namespace/name, lower-cased */
                            ref: string;
                            kind: string;
                            namespace: string;
                            name: string;
                            title: string;
                            description: string;
                            type: string;
                            owner: string;
                            lifecycle: string;
                            system: string;
                            tags: string[];
                            /** @description Problems found reading it; see the entity */
                            errorCount: number;
                        }[];
                        totalItems: number;
                        nextCursor?: string;
                        facets?: {
                            [key: string]: {
                                value: string;
                                count: number;
                            }[];
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getCatalogEntity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
                namespace: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ref: string;
                        /** @description The entity as read from its source */
                        entity: {
                            [key: string]: unknown;
                        };
                        relations: {
                            /** @description ownedBy, ownerOf, partOf, hasPart, dependsOn, ... */
                            type: string;
                            targetRef: string;
                            /** @description null: not in the catalog */
                            kind: string | null;
                            title: string | null;
                        }[];
                        errors: {
                            path: string;
                            message: string;
                        }[];
                        locationId: string;
                        sourcePath: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description For a Component Slipway deploys as a service: its environments and what runs there */
                        deployments?: {
                            service: string;
                            environments: {
                                name: string;
                                type: string;
                                current: {
                                    id: string;
                                    number: number;
                                    status: string;
                                    image: string | null;
                                } | null;
                            }[];
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listCatalogEntityDocs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
                namespace: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            path: string;
                            title: string;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getCatalogEntityDocsPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
                namespace: string;
                name: string;
                /** @description The page path, e.g. guides/setup.md */
                "*": string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        path: string;
                        title: string;
                        /** @description Sanitised: no scripts, styles, event handlers or embedded frames */
                        html: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    searchCatalogDocs: {
        parameters: {
            query: {
                /** @description Words to find; the last one is a prefix */
                q: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            entityRef: string;
                            path: string;
                            title: string;
                            /** @description Text around the match, HTML-escaped, the matched words between « and » */
                            snippet: string;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listCatalogLocations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CatalogLocationView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    registerCatalogLocation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description git: a repository `git clone` reaches; url: one YAML file */
                    type: "git" | "url";
                    /** @description Repository URL or file URL */
                    target: string;
                    /** @description Branch or tag; '' or absent: the default branch */
                    ref?: string;
                    /** @description Globs of the files to read; default **\/catalog-info.yaml */
                    paths?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        location: components["schemas"]["CatalogLocationView"];
                        /** @description Entities this location holds */
                        entities: number;
                        errors: {
                            sourcePath: string;
                            entityRef: string;
                            /** @description yaml | invalid | conflict | fetch */
                            kind: string;
                            message: string;
                        }[];
                        refresh: {
                            /** @description refreshed | unchanged | failed */
                            result: string;
                            revision: string;
                            inserted?: number;
                            updated?: number;
                            deleted?: number;
                            conflicts?: number;
                            message?: string;
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getCatalogLocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        location: components["schemas"]["CatalogLocationView"];
                        /** @description Entities this location holds */
                        entities: number;
                        errors: {
                            sourcePath: string;
                            entityRef: string;
                            /** @description yaml | invalid | conflict | fetch */
                            kind: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteCatalogLocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    refreshCatalogLocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        location: components["schemas"]["CatalogLocationView"];
                        /** @description Entities this location holds */
                        entities: number;
                        errors: {
                            sourcePath: string;
                            entityRef: string;
                            /** @description yaml | invalid | conflict | fetch */
                            kind: string;
                            message: string;
                        }[];
                        refresh: {
                            /** @description refreshed | unchanged | failed */
                            result: string;
                            revision: string;
                            inserted?: number;
                            updated?: number;
                            deleted?: number;
                            conflicts?: number;
                            message?: string;
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    catalogPushWebhook: {
        parameters: {
            query?: never;
            header?: {
                "x-hub-signature-256"?: string;
                "x-github-event"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description refreshed | ignored */
                        result: string;
                        message: string;
                        locations: {
                            id: string;
                            /** @description refreshed | unchanged | failed */
                            result: string;
                            revision: string;
                            inserted?: number;
                            updated?: number;
                            deleted?: number;
                            conflicts?: number;
                            message?: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description refreshed | ignored */
                        result: string;
                        message: string;
                        locations: {
                            id: string;
                            /** @description refreshed | unchanged | failed */
                            result: string;
                            revision: string;
                            inserted?: number;
                            updated?: number;
                            deleted?: number;
                            conflicts?: number;
                            message?: string;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["TemplateView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                namespace: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        template: components["schemas"]["TemplateView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    runTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                namespace: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default {} */
                    parameters: {
                        [key: string]: unknown;
                    };
                    /** @description Values the template reads as `${{ secrets.NAME }}`: never stored, and shown as *** in the run, its events and the log */
                    secrets?: {
                        [key: string]: string;
                    };
                    /** @description Render the files only: nothing is pushed, registered or deployed */
                    dryRun?: boolean;
                    /** @description The team the new service belongs to; left out, your only team */
                    owner?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        run: components["schemas"]["TemplateRunView"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        run: components["schemas"]["TemplateRunView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listTemplateRuns: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["TemplateRunView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getTemplateRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        run: components["schemas"]["TemplateRunView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    streamTemplateRunEvents: {
        parameters: {
            query?: never;
            header?: {
                "last-event-id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        /** @enum {string} */
                        event: "step";
                        data: string;
                        /** @description Its sequence number */
                        id: string;
                    } | {
                        /** @enum {string} */
                        event: "log";
                        data: string;
                        /** @description Its sequence number */
                        id: string;
                    } | {
                        /** @enum {string} */
                        event: "run";
                        data: string;
                        /** @description Its sequence number */
                        id: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listProvisioners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ProvisionerView"][];
                        /** @description Every resource type some provisioner handles, sorted */
                        types: string[];
                        files: components["schemas"]["ProvisionerLoadState"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    reloadProvisioners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description False when the files were as last read */
                        changed: boolean;
                        files: components["schemas"]["ProvisionerLoadState"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    checkProvisioners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The file name, shown in errors (e.g. 10-redis.provisioners.yaml) */
                    name: string;
                    /** @description The YAML text of the file, as written */
                    content: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ProvisionerView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    testProvisioners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    provisioners: {
                        /** @description The file name, shown in errors (e.g. 10-redis.provisioners.yaml) */
                        name: string;
                        /** @description The YAML text of the file, as written */
                        content: string;
                    };
                    environment: string;
                    /** @description The Score file, as for POST /deploys */
                    workload: string | {
                        [key: string]: unknown;
                    };
                    service?: string;
                    image?: string;
                    files?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What the file holds */
                        provisioners: components["schemas"]["ProvisionerView"][];
                        resources: {
                            /** @description The key in the workload’s resources */
                            name: string;
                            type: string;
                            class: string;
                            id: string;
                            /** @description Which provisioner served it */
                            provisioner: string;
                            source: "configuration" | "builtin" | "file";
                            /** @description What the workload may read as resources.NAME.OUTPUT (secret outputs hidden) */
                            outputs: {
                                [key: string]: unknown;
                            };
                            secretOutputs: string[];
                            /** @description How many objects it adds */
                            manifests: number;
                        }[];
                        objects: {
                            [key: string]: unknown;
                        }[];
                        warnings: string[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Every built-in policy, in the order they are documented */
                        items: components["schemas"]["PolicyView"][];
                        /** @description The policies platform engineers wrote in CEL, by name (checked in every environment they match) */
                        celPolicies: {
                            name: string;
                            expression: string;
                            messageExpression?: string;
                            remedy: string;
                            severity: string;
                            match: {
                                environmentTypes: string[];
                                teams: string[];
                                services: string[];
                            };
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            updatedBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        environmentTypes: {
                            name: string;
                            policies: string[];
                            /** @description Releases wait for a second person */
                            requiresApproval: boolean;
                            /** @description How long a release waits for approval before it expires */
                            approvalTtlSeconds: number;
                            /** @description Environments are deleted after this long */
                            ttlSeconds: number | null;
                            /** @description The least roles to deploy and to approve (defaults filled in) */
                            access: {
                                /** @description viewer < developer < maintainer < admin */
                                deploy: "viewer" | "developer" | "maintainer" | "admin";
                                /** @description viewer < developer < maintainer < admin */
                                approve: "viewer" | "developer" | "maintainer" | "admin";
                            };
                            /** @description Whether its namespaces get a ResourceQuota */
                            quota: boolean;
                        }[];
                        /** @description Deploy freezes that have not ended, soonest first */
                        freezes: {
                            name: string;
                            /** @description block refuses deploys; warn lets them through with a warning */
                            mode: string;
                            reason: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string;
                            /** @description Started already (else it is scheduled) */
                            active: boolean;
                            environmentTypes: string[];
                            environments: string[];
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listScorecards: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ScorecardView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getScorecard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        scorecard: components["schemas"]["ScorecardView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    putScorecard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The path's name; may be left out */
                    name?: string;
                    title?: string;
                    description?: string;
                    /** @description Lowest first */
                    levels: string[];
                    rules: {
                        id: string;
                        title?: string;
                        level: string;
                        /** @description Relative weight in the score; 1 by default */
                        weight?: number;
                        /** @description CEL, of type bool (docs/cel.md) */
                        expression: string;
                        /** @description What to do when the rule fails */
                        remedy?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        scorecard: components["schemas"]["ScorecardView"];
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        scorecard: components["schemas"]["ScorecardView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteScorecard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    evaluateScorecard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    service?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        services: number;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getScorecardGrid: {
        parameters: {
            query?: {
                team?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        scorecard: string;
                        title: string;
                        levels: string[];
                        rules: {
                            id: string;
                            title: string;
                            level: string;
                        }[];
                        services: {
                            service: string;
                            owner: string | null;
                            level: string | null;
                            /** @description null: not evaluated yet */
                            score: number | null;
                            evaluatedAt: string | null;
                            cells: (("pass" | "fail" | "error") | null)[];
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getServiceScorecards: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ScorecardResultView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getServiceScorecardHistory: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                name: string;
                scorecard: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        scorecard: string;
                        service: string;
                        items: {
                            level: string | null;
                            score: number;
                            /** Format: date-time */
                            evaluatedAt: string;
                            /** @description Ids of the rules that failed or errored */
                            failed: string[];
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listCelPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CelPolicyView"][];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    putCelPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description CEL, true when the release passes */
                    expression: string;
                    /** @description CEL giving the message: a string, or a map {message, path} naming the offending field */
                    messageExpression?: string;
                    /** @description The fix, in plain words */
                    remedy?: string;
                    /** @description enforce refuses the release; warn lets it through with a warning; audit only records it */
                    severity: "enforce" | "warn" | "audit";
                    /** @description Where it applies: lists are ORed within, ANDed across */
                    match?: {
                        /** @description Environment types it applies to; empty or absent: all */
                        environmentTypes?: string[];
                        /** @description Owning teams it applies to; empty or absent: all */
                        teams?: string[];
                        /** @description Services it applies to; empty or absent: all */
                        services?: string[];
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: components["schemas"]["CelPolicyView"];
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: components["schemas"]["CelPolicyView"];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteCelPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    dryRunCelPolicy: {
        parameters: {
            query?: {
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    policy?: {
                        name: string;
                        /** @description CEL, true when the release passes */
                        expression: string;
                        /** @description CEL giving the message: a string, or a map {message, path} naming the offending field */
                        messageExpression?: string;
                        /** @description The fix, in plain words */
                        remedy?: string;
                        /** @description enforce refuses the release; warn lets it through with a warning; audit only records it */
                        severity: "enforce" | "warn" | "audit";
                        /** @description Where it applies: lists are ORed within, ANDed across */
                        match?: {
                            /** @description Environment types it applies to; empty or absent: all */
                            environmentTypes?: string[];
                            /** @description Owning teams it applies to; empty or absent: all */
                            teams?: string[];
                            /** @description Services it applies to; empty or absent: all */
                            services?: string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: string;
                        /** @description Current releases the policy applies to */
                        evaluated: number;
                        violators: {
                            service: string;
                            environment: string;
                            /** @description The release number in its environment */
                            release: number;
                            releaseId: string;
                            message: string;
                            /** @description JSON Pointer of the offending field, when the message names it */
                            path?: string;
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    backstageQueryEntities: {
        parameters: {
            query?: {
                /** @description key=value pairs, comma-separated, all must match; repeat the parameter for alternatives */
                filter?: string[];
                /** @description Only these dotted fields of each entity, e.g. metadata.name,kind */
                fields?: string[];
                limit?: number;
                offset?: number;
                /** @description field,asc or field,desc */
                orderField?: string[];
                cursor?: string;
                fullTextFilterTerm?: string;
                /** @description Fields to search for the term as a substring; left out, all text */
                fullTextFilterFields?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            [key: string]: unknown;
                        }[];
                        totalItems: number;
                        pageInfo: {
                            nextCursor?: string;
                            prevCursor?: string;
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    backstageListEntities: {
        parameters: {
            query?: {
                /** @description key=value pairs, comma-separated, all must match; repeat the parameter for alternatives */
                filter?: string[];
                /** @description Only these dotted fields of each entity, e.g. metadata.name,kind */
                fields?: string[];
                limit?: number;
                offset?: number;
                /** @description asc:field or desc:field */
                order?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    backstageGetEntityByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
                namespace: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A Backstage entity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    backstageGetEntityAncestry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
                namespace: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rootEntityRef: string;
                        items: {
                            /** @description A Backstage entity */
                            entity: {
                                [key: string]: unknown;
                            };
                            parentEntityRefs: string[];
                        }[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    backstageGetLocationByEntity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
                namespace: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "git" | "url";
                        target: string;
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    backstageGetEntitiesByRefs: {
        parameters: {
            query?: {
                /** @description key=value pairs, comma-separated, all must match; repeat the parameter for alternatives */
                filter?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    entityRefs: string[];
                    fields?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: ({
                            [key: string]: unknown;
                        } | null)[];
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    backstageGetEntityFacets: {
        parameters: {
            query: {
                facet: string[];
                /** @description key=value pairs, comma-separated, all must match; repeat the parameter for alternatives */
                filter?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        facets: {
                            [key: string]: {
                                value: string;
                                count: number;
                            }[];
                        };
                    };
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An error: a stable code, a message, and the offending fields */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
