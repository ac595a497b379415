package wire

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// TestSilentPeersDoNotBlockClients: peers that connect and say nothing, or
// say something that is not ZMTP, leave the socket open to real clients,
// and are disconnected once their time to greet is up.
func TestSilentPeersDoNotBlockClients(t *testing.T) {
	saved := greetingTimeout
	greetingTimeout = 300 * time.Millisecond
	t.Cleanup(func() { greetingTimeout = saved })

	info := tcpInfo(t)
	s, _ := listen(t, info)
	signer := mustSigner(t, info.SignatureScheme, info.Key)
	addr := net.JoinHostPort(info.IP, strconv.Itoa(info.ShellPort))

	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	http, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer http.Close()
	if _, err := http.Write([]byte("GET / HTTP/1.0\r\n\r\n")); err != nil {
		t.Fatal(err)
	}

	dealer := client(t, zmq4.NewDealer(context.Background(), clientOpts()...), info.Endpoint(info.ShellPort))
	if err := dealer.SendMulti(zmq4.NewMsgFrom(executeRequest(t, signer, "after-silent", "1")...)); err != nil {
		t.Fatal(err)
	}
	req, err := recvChannel(t, s.Shell)
	if err != nil || req.Header.MsgID != "after-silent" {
		t.Fatalf("the client's request behind two silent peers: %v, %+v", err, req)
	}

	// The silent peer is cut off once its time to greet is over.
	silent.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := silent.Read(make([]byte, 1)); err == nil {
		t.Error("the silent peer was sent data instead of being disconnected")
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Error("the silent peer is still connected after 5 s")
	}
}
