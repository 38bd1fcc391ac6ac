import { defineCases } from "../rule.js";
import type rule from "./bind-port-taken-on-node.js";

const haproxy = (bind: string): string => `defaults
    mode tcp
    timeout connect 5s
    timeout client 1h
    timeout server 1h

frontend fe_k8s_api
    bind ${bind}
    default_backend be_k8s_api

backend be_k8s_api
    option httpchk GET /readyz
    server cp-1 192.0.2.11:6443 check check-ssl verify none
    server cp-2 192.0.2.12:6443 check check-ssl verify none
`;

/** A kubeadm kube-apiserver static pod (host network); `flags` are extra command words. */
const apiserver = (flags: string[] = []): string => `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.30.2
    command:
    - kube-apiserver
    - --advertise-address=192.0.2.11
    - --etcd-servers=https://127.0.0.1:2379
${flags.map((f) => `    - ${f}\n`).join("")}`;

const compose = `services:
  registry:
    image: registry:2
    ports:
      - "127.0.0.1:5000:5000"
  dashboard:
    image: example/dashboard:1.4
    ports:
      - target: 80
        published: 8443
        protocol: tcp
`;

const tree = (bind: string, manifest: string): Record<string, string> => ({
  "cp-1/etc/haproxy/haproxy.cfg": haproxy(bind),
  "cp-1/etc/kubernetes/manifests/kube-apiserver.yaml": manifest,
});

export default defineCases<typeof rule>({
  valid: [
    { name: "the load balancer on 8443 beside the API server", files: tree("*:8443", apiserver()) },
    {
      name: "the API server bound to the node's address, HAProxy to the VIP",
      files: tree("192.0.2.100:6443", apiserver(["--bind-address=192.0.2.11"])),
    },
    {
      name: "the API server moved to another port",
      files: tree("*:6443", apiserver(["--secure-port=7443"])),
    },
    { name: "no host facts: nothing to compare", files: { "cp-1/etc/haproxy/haproxy.cfg": haproxy("*:6443") } },
    {
      name: "a port published on loopback only, HAProxy on the VIP",
      files: { "cp-1/etc/haproxy/haproxy.cfg": haproxy("192.0.2.100:5000"), "cp-1/opt/tools/compose.yaml": compose },
    },
  ],
  invalid: [
    {
      name: "kubeadm#2472: *:6443 on a control-plane node (the API server's default port)",
      files: tree("*:6443", apiserver()),
      expect: [{ line: 8, file: "cp-1/etc/haproxy/haproxy.cfg", messageId: "taken" }],
    },
    {
      name: "the VIP on 6443 while the API server listens on every address",
      files: tree("192.0.2.100:6443", apiserver()),
      expect: [{ line: 8, file: "cp-1/etc/haproxy/haproxy.cfg", messageId: "taken" }],
    },
    {
      name: "an explicit --secure-port",
      files: tree("192.0.2.100:7443", apiserver(["--secure-port=7443"])),
      expect: [{ line: 8, file: "cp-1/etc/haproxy/haproxy.cfg", messageId: "taken" }],
    },
    {
      name: "a port a compose file publishes on every address",
      files: { "cp-1/etc/haproxy/haproxy.cfg": haproxy("192.0.2.100:8443"), "cp-1/opt/tools/compose.yaml": compose },
      expect: [{ line: 8, file: "cp-1/etc/haproxy/haproxy.cfg", messageId: "taken" }],
    },
  ],
});
