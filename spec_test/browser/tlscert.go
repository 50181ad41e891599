package browser

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"sync"
	"time"
)

// certAuthority is a throw-away certificate authority made for one harness run. It
// signs a leaf certificate for each server name a browser asks for (TLS SNI).
type certAuthority struct {
	key    *ecdsa.PrivateKey
	cert   *x509.Certificate
	der    []byte
	leafKy *ecdsa.PrivateKey
	spki   string // base64 SHA-256 of the leaf public key, for Chromium
	mu     sync.Mutex
	leaves map[string]*tls.Certificate
	serial int64
}

func newCertAuthority() (*certAuthority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: CA key: %v", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "corsim browser harness CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: CA certificate: %v", err)
	}
	cert, _ := x509.ParseCertificate(der)
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: leaf key: %v", err)
	}
	pub, _ := x509.MarshalPKIXPublicKey(&leafKey.PublicKey)
	sum := sha256.Sum256(pub)
	return &certAuthority{key: key, cert: cert, der: der, leafKy: leafKey,
		spki: base64.StdEncoding.EncodeToString(sum[:]), leaves: map[string]*tls.Certificate{}, serial: 1}, nil
}

// caPEM is the authority's certificate, for browsers that import it.
func (ca *certAuthority) caPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.der})
}

// serverConfig is the TLS configuration of the servers; nil without an authority.
func (ca *certAuthority) serverConfig() *tlsConfig {
	if ca == nil {
		return nil
	}
	return &tls.Config{
		GetCertificate: ca.leaf,
		NextProtos:     []string{"http/1.1"},
		MinVersion:     tls.VersionTLS12,
	}
}

type tlsConfig = tls.Config

// leaf returns (making it on first use) the certificate for the requested name.
func (ca *certAuthority) leaf(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	name := hello.ServerName
	if name == "" {
		name = "127.0.0.1"
	}
	ca.mu.Lock()
	defer ca.mu.Unlock()
	if c, ok := ca.leaves[name]; ok {
		return c, nil
	}
	ca.serial++
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(ca.serial),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if ip := net.ParseIP(name); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	} else {
		tmpl.DNSNames = []string{name}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &ca.leafKy.PublicKey, ca.key)
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: certificate for %s: %v", name, err)
	}
	c := &tls.Certificate{Certificate: [][]byte{der, ca.der}, PrivateKey: ca.leafKy}
	ca.leaves[name] = c
	return c, nil
}
