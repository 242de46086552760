// Builds kwok (fake kubelets and nodes) from the Go module proxy.
module slipway.dev/testbed/kwok

go 1.26.0

require sigs.k8s.io/kwok v0.8.0
