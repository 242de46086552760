// Builds etcd from the Go module proxy; the server module holds etcd's main package at its root.
module slipway.dev/testbed/etcd

go 1.26.0

require go.etcd.io/etcd/server/v3 v3.6.16
