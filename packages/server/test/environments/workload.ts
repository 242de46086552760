/** A small Score workload for environment tests: one container, one port. */
export const webScore = (name = 'web', image = 'nginx:1.27') => `
apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  main:
    image: ${image}
    variables:
      GREETING: hello from \${metadata.name}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;

/** A service with a database: a Secret (the password) beside its Deployment and Service. */
export const cartScore = (image = 'nginx:1.27') => `
apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ${image}
    variables:
      DATABASE_URL: \${resources.db.url}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  db:
    type: postgres
`;
