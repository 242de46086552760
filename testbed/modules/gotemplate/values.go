package main

import "encoding/json"

// yamlLike turns the numbers JSON gave us into what score-k8s's YAML state would hold: int for
// whole numbers, float64 otherwise, so `eq .Params.port 80` and `add 1` behave as they do there.
func yamlLike(m map[string]interface{}) map[string]interface{} {
	if m == nil {
		return nil
	}
	for k, v := range m {
		m[k] = yamlValue(v)
	}
	return m
}

func yamlValue(v interface{}) interface{} {
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return int(i)
		}
		f, _ := t.Float64()
		return f
	case map[string]interface{}:
		return yamlLike(t)
	case []interface{}:
		for i := range t {
			t[i] = yamlValue(t[i])
		}
		return t
	}
	return v
}
