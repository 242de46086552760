// Command gotemplate provisions score-k8s `template://` resources the way score-k8s does: each of
// init, state, shared, outputs and manifests is a Go text/template with the sprig functions (plus
// encodeSecretRef), rendered in that order and YAML-decoded before the next one sees it.
//
// Slipway runs it once per resolve: stdin is {"requests":[{templates, data}...], "shared": {...}}
// and stdout is {"results":[{state, shared, outputs, manifests}...], "shared": {...}}; resources
// are provisioned in order, each seeing the shared state the ones before it left (JSON Merge
// Patch, like score-k8s). On failure stdout is {"error":{"index", "field", "message"}} and the
// exit status is 1. No shell, no files, no network: templates only see the data they are given.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"gopkg.in/yaml.v3"
)

type templates struct {
	Init      string `json:"init"`
	State     string `json:"state"`
	Shared    string `json:"shared"`
	Outputs   string `json:"outputs"`
	Manifests string `json:"manifests"`
}

// servicePort and networkService mirror score-k8s's provisioners.ServicePort/NetworkService, so
// templates reach the same fields (`$w.ServiceName`, `$p.TargetPort`) with the same zero values.
type servicePort struct {
	Name       string
	Port       int
	TargetPort int
	Protocol   string
}

type networkService struct {
	ServiceName string
	Ports       map[string]servicePort
}

// data mirrors score-k8s's templateprov.Data field for field: templates address it by these names.
type data struct {
	Guid             string
	Uid              string
	Type             string
	Class            string
	Id               string
	Params           map[string]interface{}
	Metadata         map[string]interface{}
	Init             map[string]interface{}
	State            map[string]interface{}
	Shared           map[string]interface{}
	SourceWorkload   string
	WorkloadMetadata map[string]interface{}
	WorkloadServices map[string]networkService
	Namespace        string
}

type request struct {
	Templates templates `json:"templates"`
	Data      data      `json:"data"`
	// RandomSeed, when set, makes sprig's random functions deterministic for this resource (see random.go).
	RandomSeed string `json:"randomSeed"`
}

type input struct {
	Requests []request              `json:"requests"`
	Shared   map[string]interface{} `json:"shared"`
}

type result struct {
	State     map[string]interface{}   `json:"state"`
	Shared    map[string]interface{}   `json:"shared"`
	Outputs   map[string]interface{}   `json:"outputs"`
	Manifests []map[string]interface{} `json:"manifests"`
}

type failure struct {
	Index   int    `json:"index"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func main() {
	in, err := readInput(os.Stdin)
	if err != nil {
		fail(failure{Index: -1, Message: err.Error()})
	}
	shared := in.Shared
	results := make([]result, 0, len(in.Requests))
	for i, req := range in.Requests {
		req.Data.Shared = shared
		res, field, err := provision(req)
		if err != nil {
			fail(failure{Index: i, Field: field, Message: err.Error()})
		}
		shared = patchMap(shared, res.Shared)
		results = append(results, res)
	}
	if shared == nil {
		shared = map[string]interface{}{}
	}
	write(os.Stdout, map[string]interface{}{"results": results, "shared": shared})
}

func readInput(r io.Reader) (input, error) {
	var in input
	dec := json.NewDecoder(r)
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return in, fmt.Errorf("the input is not valid JSON for gotemplate: %w", err)
	}
	for i := range in.Requests {
		d := &in.Requests[i].Data
		d.Params, d.Metadata, d.State = yamlLike(d.Params), yamlLike(d.Metadata), yamlLike(d.State)
		d.WorkloadMetadata = yamlLike(d.WorkloadMetadata)
	}
	in.Shared = yamlLike(in.Shared)
	return in, nil
}

// provision runs one resource's templates in score-k8s's order. The returned string names the
// template that failed.
func provision(req request) (result, string, error) {
	d := req.Data
	funcs := funcMap(req.RandomSeed)
	res := result{State: map[string]interface{}{}, Shared: map[string]interface{}{}, Outputs: map[string]interface{}{}}
	init := map[string]interface{}{}
	if err := render("init", req.Templates.Init, funcs, &d, &init); err != nil {
		return res, "init", err
	}
	d.Init = init
	if err := render("state", req.Templates.State, funcs, &d, &res.State); err != nil {
		return res, "state", err
	}
	d.State = res.State
	if err := render("shared", req.Templates.Shared, funcs, &d, &res.Shared); err != nil {
		return res, "shared", err
	}
	d.Shared = patchMap(d.Shared, res.Shared)
	if err := render("outputs", req.Templates.Outputs, funcs, &d, &res.Outputs); err != nil {
		return res, "outputs", err
	}
	var manifests []interface{}
	if err := render("manifests", req.Templates.Manifests, funcs, &d, &manifests); err != nil {
		return res, "manifests", err
	}
	res.Manifests = make([]map[string]interface{}, 0, len(manifests))
	for i, m := range manifests {
		obj, ok := m.(map[string]interface{})
		if !ok {
			return res, "manifests", fmt.Errorf("item %d of the rendered manifests is not an object", i)
		}
		res.Manifests = append(res.Manifests, obj)
	}
	return res, "", nil
}

// funcMap is what score-k8s gives its templates: sprig's functions and encodeSecretRef.
func funcMap(seed string) template.FuncMap {
	funcs := template.FuncMap(sprig.FuncMap())
	funcs["encodeSecretRef"] = encodeSecretRef
	if seed != "" {
		maps.Copy(funcs, seededRandomFuncs(seed))
	}
	return funcs
}

// encodeSecretRef is score-k8s's reference to a key of a Kubernetes Secret, kept as a string.
func encodeSecretRef(secret, key string) string {
	return "🔐💬" + secret + "_" + key + "💬🔐"
}

// render executes one template, named after its field so that errors say which (`init:2:44`)
// (default missingkey behaviour, as score-k8s) and YAML-decodes
// its output into out; blank templates and blank output leave out as it was.
func render(name, raw string, funcs template.FuncMap, d *data, out interface{}) error {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil
	}
	prepared, err := template.New(name).Funcs(funcs).Parse(raw)
	if err != nil {
		return fmt.Errorf("failed to parse template: %w", err)
	}
	buff := new(bytes.Buffer)
	if err := prepared.Execute(buff, d); err != nil {
		return fmt.Errorf("failed to execute template: %w", err)
	}
	if strings.TrimSpace(buff.String()) == "" {
		return nil
	}
	var decoded interface{}
	if err := yaml.Unmarshal(buff.Bytes(), &decoded); err != nil {
		return fmt.Errorf("failed to decode output: %w (the template rendered %q)", err, clip(buff.String()))
	}
	if err := assign(decoded, out); err != nil {
		return fmt.Errorf("failed to decode output: %w", err)
	}
	return nil
}

// assign stores a decoded YAML value in a map or a list target, refusing other shapes.
func assign(decoded interface{}, out interface{}) error {
	switch target := out.(type) {
	case *map[string]interface{}:
		m, ok := decoded.(map[string]interface{})
		if !ok {
			return fmt.Errorf("expected a map of keys to values, got %T", decoded)
		}
		*target = m
	case *[]interface{}:
		l, ok := decoded.([]interface{})
		if !ok {
			return fmt.Errorf("expected a list of manifests, got %T", decoded)
		}
		*target = l
	}
	return nil
}

func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

// patchMap is a JSON Merge Patch (RFC 7386), as score-k8s applies shared state.
func patchMap(current, patch map[string]interface{}) map[string]interface{} {
	if len(patch) == 0 {
		return current
	}
	out := maps.Clone(current)
	if out == nil {
		out = map[string]interface{}{}
	}
	for k, v := range patch {
		if v == nil {
			delete(out, k)
			continue
		}
		if pm, ok := v.(map[string]interface{}); ok {
			existing, _ := out[k].(map[string]interface{})
			out[k] = patchMap(orEmpty(existing), pm)
			continue
		}
		out[k] = v
	}
	return out
}

func orEmpty(m map[string]interface{}) map[string]interface{} {
	if m == nil {
		return map[string]interface{}{}
	}
	return m
}

func fail(f failure) {
	write(os.Stdout, map[string]interface{}{"error": f})
	os.Exit(1)
}

func write(w io.Writer, v interface{}) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(os.Stderr, "gotemplate: cannot encode the result: %v\n", err)
		os.Exit(2)
	}
}
