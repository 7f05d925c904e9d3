package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"
)

// fakeRunner writes node_modules/<module>/index.js under root; the script prints its argv and
// cwd on stdout, a line on stderr, and exits with code 3.
func fakeRunner(t *testing.T, root, module string) string {
	t.Helper()
	dir := filepath.Join(root, "node_modules", filepath.FromSlash(module))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	js := `console.log(JSON.stringify({argv: process.argv.slice(2), cwd: process.cwd(), env: process.env.GANTRY_TEST}));
console.error("to-stderr");
process.exit(3);
`
	if err := os.WriteFile(filepath.Join(dir, "index.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBuildPluginCommandAnalyzerWalksUpAndDropsEngineFlags(t *testing.T) {
	root := t.TempDir()
	runner := fakeRunner(t, root, "@pulumi/pulumi/cmd/run-policy-pack")
	pack := filepath.Join(root, "policies")
	if err := os.Mkdir(pack, 0o755); err != nil {
		t.Fatal(err)
	}
	opts, _ := structpb.NewStruct(map[string]any{"nodeargs": "--max-old-space-size=512 --trace-warnings"})
	pc, err := buildPluginCommand(&pulumirpc.RunPluginRequest{
		Pwd:  "/somewhere/else",
		Kind: "analyzer",
		Args: []string{"--logtostderr", "-v=9", "--tracing", "http://t", "127.0.0.1:1234"},
		Info: &pulumirpc.ProgramInfo{RootDirectory: pack, ProgramDirectory: pack, EntryPoint: ".", Options: opts},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"--max-old-space-size=512", "--trace-warnings", runner, "127.0.0.1:1234", "."}
	if pc.dir != pack || !reflect.DeepEqual(pc.args, want) {
		t.Fatalf("got dir=%s args=%q, want dir=%s args=%q", pc.dir, pc.args, pack, want)
	}
}

func TestBuildPluginCommandResourceAndDeprecatedProgram(t *testing.T) {
	root := t.TempDir()
	runner := fakeRunner(t, root, "@pulumi/pulumi/cmd/run-plugin")
	if err := os.MkdirAll(filepath.Join(root, "a", "plugin"), 0o755); err != nil {
		t.Fatal(err)
	}
	pc, err := buildPluginCommand(&pulumirpc.RunPluginRequest{
		Pwd: filepath.Join(root, "a"), Program: "plugin", Kind: "resource",
		Args: []string{"--logtostderr", "127.0.0.1:1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{runner, "--", ".", "--logtostderr", "127.0.0.1:1"}
	if pc.dir != filepath.Join(root, "a", "plugin") || !reflect.DeepEqual(pc.args, want) {
		t.Fatalf("got dir=%s args=%q, want args=%q", pc.dir, pc.args, want)
	}
}

func TestBuildPluginCommandErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := buildPluginCommand(&pulumirpc.RunPluginRequest{Kind: "converter", Program: dir})
	if status.Code(err) != codes.Unimplemented {
		t.Fatalf("converter: got %v", err)
	}
	_, err = buildPluginCommand(&pulumirpc.RunPluginRequest{Kind: "analyzer", Program: dir})
	if status.Code(err) != codes.FailedPrecondition || !strings.Contains(err.Error(), "npm install") {
		t.Fatalf("missing node_modules: got %v", err)
	}
}

// TestRunPluginStreams runs RunPlugin over real gRPC with node and a fake run-policy-pack.
func TestRunPluginStreams(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not on PATH")
	}
	root := t.TempDir()
	fakeRunner(t, root, "@pulumi/pulumi/cmd/run-policy-pack")
	pack := filepath.Join(root, "pack")
	if err := os.Mkdir(pack, 0o755); err != nil {
		t.Fatal(err)
	}

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	pulumirpc.RegisterLanguageRuntimeServer(srv, &wrapperHost{})
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	stream, err := pulumirpc.NewLanguageRuntimeClient(conn).RunPlugin(context.Background(),
		&pulumirpc.RunPluginRequest{
			Kind: "analyzer", Args: []string{"127.0.0.1:9"}, Env: []string{"GANTRY_TEST=from-request"},
			Info: &pulumirpc.ProgramInfo{ProgramDirectory: pack, EntryPoint: "."},
		})
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	code := int32(-100)
	for {
		msg, err := stream.Recv()
		if err != nil {
			break
		}
		switch o := msg.Output.(type) {
		case *pulumirpc.RunPluginResponse_Stdout:
			stdout.Write(o.Stdout)
		case *pulumirpc.RunPluginResponse_Stderr:
			stderr.Write(o.Stderr)
		case *pulumirpc.RunPluginResponse_Exitcode:
			code = o.Exitcode
		}
	}
	wantOut := `{"argv":["127.0.0.1:9","."],"cwd":"` + pack + `","env":"from-request"}`
	if strings.TrimSpace(stdout.String()) != wantOut {
		t.Errorf("stdout = %q, want %q", stdout.String(), wantOut)
	}
	if strings.TrimSpace(stderr.String()) != "to-stderr" {
		t.Errorf("stderr = %q", stderr.String())
	}
	if code != 3 {
		t.Errorf("exit code = %d, want 3", code)
	}
}
