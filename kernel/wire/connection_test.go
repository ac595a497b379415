package wire

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kernel-1234.json")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadConnectionFile(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    ConnectionInfo
	}{
		{
			name: "complete",
			content: `{"transport":"tcp","ip":"10.0.0.1","key":"k","signature_scheme":"hmac-sha512",
				"shell_port":1,"control_port":2,"stdin_port":3,"iopub_port":4,"hb_port":5,"kernel_name":"gopar"}`,
			want: ConnectionInfo{Transport: "tcp", IP: "10.0.0.1", Key: "k", SignatureScheme: "hmac-sha512",
				ShellPort: 1, ControlPort: 2, StdinPort: 3, IOPubPort: 4, HBPort: 5, KernelName: "gopar"},
		},
		{
			name:    "defaults",
			content: `{"key":"k","shell_port":1,"control_port":2,"stdin_port":3,"iopub_port":4,"hb_port":5}`,
			want: ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "k", SignatureScheme: "hmac-sha256",
				ShellPort: 1, ControlPort: 2, StdinPort: 3, IOPubPort: 4, HBPort: 5},
		},
		{
			name:    "empty strings get defaults",
			content: `{"transport":"","ip":"","signature_scheme":""}`,
			want:    ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256"},
		},
		{
			name:    "empty object",
			content: `{}`,
			want:    ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256"},
		},
		{
			name:    "ipc",
			content: `{"transport":"ipc","ip":"/tmp/kernel","shell_port":7}`,
			want:    ConnectionInfo{Transport: "ipc", IP: "/tmp/kernel", SignatureScheme: "hmac-sha256", ShellPort: 7},
		},
		{
			name:    "unknown fields ignored",
			content: `{"ip":"::1","extra":{"a":[1,2]},"jupyter_session":"x"}`,
			want:    ConnectionInfo{Transport: "tcp", IP: "::1", SignatureScheme: "hmac-sha256"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadConnectionFile(writeFile(t, tt.content))
			if err != nil {
				t.Fatalf("ReadConnectionFile: %v", err)
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadConnectionFileErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string // "" means: no file at all
		mention []string
	}{
		{"missing file", "", nil},
		{"bad JSON", `{"transport":`, nil},
		{"not an object", `[1,2]`, nil},
		{"wrong type", `{"shell_port":"5555"}`, nil},
		{"unsupported transport", `{"transport":"udp"}`, []string{`"udp"`}},
		{"unsupported transport case", `{"transport":"TCP"}`, []string{`"TCP"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var path string
			if tt.content == "" {
				path = filepath.Join(t.TempDir(), "does-not-exist.json")
			} else {
				path = writeFile(t, tt.content)
			}
			_, err := ReadConnectionFile(path)
			if err == nil {
				t.Fatal("ReadConnectionFile succeeded")
			}
			for _, s := range append([]string{path}, tt.mention...) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %s", err, s)
				}
			}
		})
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct {
		info ConnectionInfo
		port int
		want string
	}{
		{ConnectionInfo{Transport: "tcp", IP: "127.0.0.1"}, 5555, "tcp://127.0.0.1:5555"},
		{ConnectionInfo{Transport: "tcp", IP: "0.0.0.0"}, 1, "tcp://0.0.0.0:1"},
		{ConnectionInfo{Transport: "", IP: "127.0.0.1"}, 5555, "tcp://127.0.0.1:5555"},
		{ConnectionInfo{Transport: "ipc", IP: "path"}, 5555, "ipc://path-5555"},
		{ConnectionInfo{Transport: "ipc", IP: "/run/user/1/kernel-ab"}, 42, "ipc:///run/user/1/kernel-ab-42"},
	}
	for _, tt := range tests {
		if got := tt.info.Endpoint(tt.port); got != tt.want {
			t.Errorf("%+v.Endpoint(%d) = %q, want %q", tt.info, tt.port, got, tt.want)
		}
	}
}
