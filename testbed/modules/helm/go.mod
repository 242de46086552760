// Builds Helm v4 from the Go module proxy (used by Helm-chart provisioners).
module slipway.dev/testbed/helm

go 1.26.0

require helm.sh/helm/v4 v4.3.1
