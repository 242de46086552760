package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"text/template"
)

// Slipway keeps no provisioner state between deploys, so score-k8s's idiom
// `password: {{ dig "password" .Init.randomPassword .State }}` would pick a new password on every
// deploy. Given a seed (derived by Slipway from the installation's secret seed and the resource's
// uid), sprig's random functions draw from an HMAC-SHA256 stream instead: the same resource gets
// the same "random" values on every deploy, and nobody without the installation seed can predict them.
type stream struct {
	key     []byte
	counter uint64
	buf     []byte
}

func (s *stream) byte() byte {
	if len(s.buf) == 0 {
		mac := hmac.New(sha256.New, s.key)
		_ = binary.Write(mac, binary.BigEndian, s.counter)
		s.counter++
		s.buf = mac.Sum(nil)
	}
	b := s.buf[0]
	s.buf = s.buf[1:]
	return b
}

// below returns a uniform number in [0, n) for 0 < n <= 256, by rejection sampling.
func (s *stream) below(n int) int {
	limit := 256 - 256%n
	for {
		if b := int(s.byte()); b < limit {
			return b % n
		}
	}
}

func (s *stream) pick(count int, chars string) string {
	out := make([]byte, count)
	for i := range out {
		out[i] = chars[s.below(len(chars))]
	}
	return string(out)
}

const (
	lower   = "abcdefghijklmnopqrstuvwxyz"
	upper   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digits  = "0123456789"
	letters = lower + upper
)

func ascii() string { // sprig's randAscii draws from the printable characters 32..126
	b := make([]byte, 0, 95)
	for c := byte(32); c <= 126; c++ {
		b = append(b, c)
	}
	return string(b)
}

func seededRandomFuncs(seed string) template.FuncMap {
	s := &stream{key: []byte(seed)}
	printable := ascii()
	return template.FuncMap{
		"randAlphaNum": func(n int) string { return s.pick(n, letters+digits) },
		"randAlpha":    func(n int) string { return s.pick(n, letters) },
		"randNumeric":  func(n int) string { return s.pick(n, digits) },
		"randAscii":    func(n int) string { return s.pick(n, printable) },
		"randBytes": func(n int) (string, error) {
			b := make([]byte, n)
			for i := range b {
				b[i] = s.byte()
			}
			return base64.StdEncoding.EncodeToString(b), nil
		},
		"randInt": func(min, max int) int { // [min, max), as sprig
			if max <= min {
				return min
			}
			span := uint64(max - min)
			var v uint64
			for i := 0; i < 8; i++ {
				v = v<<8 | uint64(s.byte())
			}
			return min + int(v%span)
		},
		"uuidv4": func() string {
			b := make([]byte, 16)
			for i := range b {
				b[i] = s.byte()
			}
			b[6] = b[6]&0x0f | 0x40
			b[8] = b[8]&0x3f | 0x80
			return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
		},
	}
}
