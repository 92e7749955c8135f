# Test PKI for the probe tests: a CA, certificates signed by it (valid,
# expired last year, for another host name) and TLS servers on 127.0.0.1.
# Source after lib.sh.  Everything lives under $T/pki and dies with $T.

PKI=$T/pki
FQ_PIDS=()
trap 'for p in "${FQ_PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

pki_init() {
	mkdir -p "$PKI/db"
	: >"$PKI/db/index.txt"
	echo 1000 >"$PKI/db/serial"
	cat >"$PKI/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $PKI/db
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = any
unique_subject = no
copy_extensions = copy
[ any ]
commonName = supplied
CNF
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.pem" \
		-days 3650 -subj "/CN=fourq-scan test CA" 2>/dev/null
}

# pki_cert NAME CN SAN [STARTDATE ENDDATE]: $PKI/NAME.pem and NAME.key,
# signed by the CA; dates in openssl ca's YYYYMMDDHHMMSSZ form.
pki_cert() {
	local name=$1 cn=$2 san=$3 start=${4:-} end=${5:-}
	openssl req -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -out "$PKI/$name.csr" \
		-subj "/CN=$cn" -addext "subjectAltName=$san" 2>/dev/null
	local dates=(-days 365)
	[ -n "$start" ] && dates=(-startdate "$start" -enddate "$end")
	openssl ca -batch -config "$PKI/ca.cnf" -cert "$PKI/ca.pem" -keyfile "$PKI/ca.key" \
		-in "$PKI/$name.csr" -out "$PKI/$name.pem" -notext "${dates[@]}" 2>/dev/null ||
		die "openssl ca could not sign $name"
}

# free_port: a TCP port nothing listens on right now.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# serve VAR CERT ARGS...: starts openssl s_server on a free port with CERT
# and extra ARGS; sets VAR to the port once it accepts connections.
serve() {
	local __var=$1 cert=$2 port i
	shift 2
	port=$(free_port)
	openssl s_server -accept "127.0.0.1:$port" -cert "$PKI/$cert.pem" -key "$PKI/$cert.key" \
		-www -quiet "$@" >"$T/s_server.$port.log" 2>&1 </dev/null &
	FQ_PIDS+=($!)
	for i in $(seq 50); do
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
		sleep 0.1
	done
	printf -v "$__var" '%s' "$port"
}

# keyapi MODE VAR [SERVER ARGS...]: starts tests/e2e/keyapi_server.py in MODE
# with the certificate "api" (pki_cert api ...), sets VAR to its base URL.
keyapi() {
	local mode=$1 __var=$2 pf=$T/port.$1 i
	shift 2
	python3 "$(dirname "${BASH_SOURCE[0]}")/keyapi_server.py" --cert "$PKI/api.pem" --key "$PKI/api.key" \
		--mode "$mode" --portfile "$pf" --log "$T/api.$mode.log" "$@" \
		>"$T/api.$mode.out" 2>&1 </dev/null &
	FQ_PIDS+=($!)
	for i in $(seq 100); do [ -f "$pf" ] && break; sleep 0.1; done
	[ -f "$pf" ] || die "key API server ($mode) did not start"
	printf -v "$__var" 'https://localhost:%s' "$(cat "$pf")"
}
