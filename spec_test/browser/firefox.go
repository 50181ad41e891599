package browser

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// firefoxPrefs is the user.js of every fresh Firefox profile: the test names
// resolve to loopback, and DNS over HTTPS, proxies, HTTPS-First and HTTPS-Only
// upgrades, telemetry, updates and first-run pages are off. Nothing about CORS,
// cookies or caches is changed.
const firefoxPrefs = `user_pref("network.trr.mode", 5);
user_pref("network.proxy.type", 0);
user_pref("dom.security.https_first", false);
user_pref("dom.security.https_first_pbm", false);
user_pref("dom.security.https_first_schemeless", false);
user_pref("dom.security.https_only_mode", false);
user_pref("dom.security.https_only_mode_pbm", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.unified", false);
user_pref("toolkit.telemetry.server", "");
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.policy.firstRunURL", "");
user_pref("app.update.auto", false);
user_pref("app.update.enabled", false);
user_pref("app.normandy.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.startup.page", 0);
user_pref("startup.homepage_welcome_url", "");
user_pref("startup.homepage_welcome_url.additional", "");
user_pref("browser.aboutwelcome.enabled", false);
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("browser.safebrowsing.provider.google4.updateURL", "");
user_pref("browser.safebrowsing.provider.mozilla.updateURL", "");
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("media.gmp-manager.updateEnabled", false);
user_pref("security.OCSP.enabled", 0);
user_pref("browser.region.network.url", "");
user_pref("services.settings.server", "http://127.0.0.1:9/");
user_pref("browser.tabs.warnOnClose", false);
user_pref("browser.sessionstore.resume_from_crash", false);
`

// firefoxVersion asks the binary for its version.
func firefoxVersion(bin string) string {
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func firefoxBinary() (string, error) {
	for _, p := range []string{os.Getenv("CORSIM_FIREFOX"), "/usr/lib/firefox-esr/firefox-esr"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	if p, err := exec.LookPath("firefox-esr"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("corsim: browser: firefox-esr not found (apt-get install -y firefox-esr)")
}

// runFirefox runs scs in headless Firefox ESR, a fresh profile per batch.
func (h *harness) runFirefox(scs []*scenario) ([]scenarioRun, string, error) {
	bin, err := firefoxBinary()
	if err != nil {
		return nil, "", err
	}
	version := firefoxVersion(bin)
	launch := func(start string, hosts []string) (process, error) {
		p := &cmdProcess{}
		dir, err := os.MkdirTemp("", "corsim-firefox-")
		if err != nil {
			return nil, fmt.Errorf("corsim: browser: firefox profile: %v", err)
		}
		p.dirs = append(p.dirs, dir)
		prefs := firefoxPrefs + fmt.Sprintf("user_pref(\"network.dns.localDomains\", %q);\n", strings.Join(hosts, ","))
		if err := os.WriteFile(filepath.Join(dir, "user.js"), []byte(prefs), 0o644); err != nil {
			p.stop()
			return nil, fmt.Errorf("corsim: browser: firefox profile: %v", err)
		}
		if h.certs != nil {
			if err := importFirefoxCA(dir, h.certs.caPEM()); err != nil {
				p.stop()
				return nil, err
			}
		}
		cmd := exec.Command(bin, "--headless", "--no-remote", "--profile", dir, start)
		cmd.Env = append(os.Environ(), "MOZ_HEADLESS=1", "MOZ_CRASHREPORTER_DISABLE=1")
		if err := p.startCmd(cmd); err != nil {
			p.stop()
			return nil, fmt.Errorf("corsim: browser: start firefox: %v", err)
		}
		return p, nil
	}
	runs, err := h.runSelfDriving(scs, launch)
	return runs, version, err
}

// importFirefoxCA trusts the harness's certificate authority in a profile, with
// NSS's certutil (Debian package libnss3-tools).
func importFirefoxCA(profile string, caPEM []byte) error {
	certutil, err := exec.LookPath("certutil")
	if err != nil {
		return fmt.Errorf("corsim: browser: firefox https needs certutil (apt-get install -y libnss3-tools)")
	}
	ca := filepath.Join(profile, "corsim-ca.pem")
	if err := os.WriteFile(ca, caPEM, 0o644); err != nil {
		return fmt.Errorf("corsim: browser: firefox CA: %v", err)
	}
	if out, err := exec.Command(certutil, "-N", "-d", "sql:"+profile, "--empty-password").CombinedOutput(); err != nil {
		return fmt.Errorf("corsim: browser: certutil -N: %v: %s", err, out)
	}
	if out, err := exec.Command(certutil, "-A", "-n", "corsim-harness", "-t", "C,,", "-i", ca, "-d", "sql:"+profile).CombinedOutput(); err != nil {
		return fmt.Errorf("corsim: browser: certutil -A: %v: %s", err, out)
	}
	return nil
}
