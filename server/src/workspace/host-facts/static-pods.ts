/**
 * Kubernetes static-pod manifests (etc/kubernetes/manifests/*.yaml, as kubeadm writes them): the control-plane
 * components that run on the host network and the TCP ports they listen on. Ports come from the component's flags
 * (`--secure-port`, `--bind-address`, etcd's `--listen-*-urls`), else the component's default (kube-apiserver 6443,
 * kube-controller-manager 10257, kube-scheduler 10259), and from `ports[].containerPort` of host-network pods.
 */
import type { HostListener } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import { yamlDocuments, type YamlValue } from "./yaml-tree.js";

/**
 * Default secure ports of the components that take --secure-port: kube-apiserver 6443 (its --secure-port default),
 * k8s.io/kubernetes pkg/cluster/ports KubeControllerManagerPort 10257 and KubeSchedulerPort 10259 (v1.21 and later).
 */
const SECURE_PORTS: Record<string, number> = {
  "kube-apiserver": 6443,
  "kube-controller-manager": 10257,
  "kube-scheduler": 10259,
};
const ETCD_URL_FLAGS = ["--listen-client-urls", "--listen-peer-urls", "--listen-metrics-urls"];

interface Flag {
  value: string;
  location?: Location;
}

/** `--name=value` and `--name value` words of a container's command and args. */
function flagsOf(words: YamlValue[]): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  words.forEach((word, index) => {
    const text = word.text();
    if (!text?.startsWith("--")) return;
    const equals = text.indexOf("=");
    if (equals > 0) flags.set(text.slice(0, equals), { value: text.slice(equals + 1), location: word.location() });
    else {
      const next = words[index + 1]?.text();
      if (next !== undefined && !next.startsWith("-"))
        flags.set(text, { value: next, location: words[index + 1].location() });
    }
  });
  return flags;
}

/** Host and port of `https://192.0.2.11:2379` or `http://[2001:db8::1]:2381`; host "" for 0.0.0.0 and [::]. */
function urlListener(url: string): { address: string; port: number } | undefined {
  const match = /^[a-z]+:\/\/(\[[^\]]*\]|[^:/]*):(\d+)/i.exec(url.trim());
  if (!match) return undefined;
  const host = match[1].replace(/^\[|\]$/g, "");
  return { address: host === "0.0.0.0" || host === "::" ? "" : host, port: Number(match[2]) };
}

function anyAddress(address: string | undefined): string {
  return address === undefined || address === "0.0.0.0" || address === "::" ? "" : address;
}

export function readStaticPod(file: string, text: string): HostListener[] {
  const listeners: HostListener[] = [];
  for (const doc of yamlDocuments(file, text)) {
    if (doc.get("kind").text() !== "Pod") continue;
    const spec = doc.get("spec");
    if (spec.get("hostNetwork").text() !== "true") continue;
    for (const container of spec.get("containers").items()) {
      const words = [...container.get("command").items(), ...container.get("args").items()];
      const program = words[0]?.text()?.split("/").pop() ?? container.get("name").text() ?? "";
      const owner = `${program} (static pod)`;
      const fallback = container.get("name").location() ?? doc.location();
      const flags = flagsOf(words);
      const secureDefault = SECURE_PORTS[program];
      if (secureDefault !== undefined) {
        const port = flags.get("--secure-port");
        const address = anyAddress(flags.get("--bind-address")?.value);
        const location = port?.location ?? words[0]?.location() ?? fallback;
        if (location && (port === undefined || /^\d+$/.test(port.value)))
          listeners.push({
            owner,
            address,
            port: port ? Number(port.value) : secureDefault,
            location,
            defaultPort: port === undefined,
          });
      }
      if (program === "etcd") {
        for (const name of ETCD_URL_FLAGS) {
          const flag = flags.get(name);
          if (!flag?.location) continue;
          for (const url of flag.value.split(",")) {
            const listener = urlListener(url);
            if (listener) listeners.push({ owner, ...listener, location: flag.location, defaultPort: false });
          }
        }
      }
      for (const port of container.get("ports").items()) {
        const number = port.get("containerPort");
        const location = number.location();
        const protocol = port.get("protocol").text() ?? "TCP";
        if (!location || protocol !== "TCP" || !/^\d+$/.test(number.text() ?? "")) continue;
        const value = Number(number.text());
        if (listeners.some((l) => l.owner === owner && l.port === value)) continue;
        listeners.push({ owner, address: "", port: value, location, defaultPort: false });
      }
    }
  }
  return listeners;
}
