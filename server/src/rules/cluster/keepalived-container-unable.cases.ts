import { defineCases } from "../rule.js";
import type rule from "./keepalived-container-unable.js";
import { BACKUP_INSTANCE_HEAD, VIP_100_WIDE } from "../keepalived/example-configs.js";

const KEEPALIVED = `${BACKUP_INSTANCE_HEAD}${VIP_100_WIDE}}
`;

const node = (compose: string): Record<string, string> => ({
  "lb01/keepalived.conf": KEEPALIVED,
  "lb01/docker-compose.yml": compose,
});

export default defineCases<typeof rule>({
  valid: [
    {
      name: "host network and NET_ADMIN, as the osixia image's README runs it",
      files: node(`services:
  keepalived:
    image: osixia/keepalived:2.0.20
    network_mode: host
    cap_add:
      - NET_ADMIN
      - NET_BROADCAST
      - NET_RAW
`),
    },
    {
      name: "privileged on the host network",
      files: node(`services:
  vip:
    image: example/keepalived:2.2.7
    network_mode: host
    privileged: true
`),
    },
    {
      name: "a service that is not keepalived",
      files: node(`services:
  web:
    image: nginx:1.27
`),
    },
  ],
  invalid: [
    {
      name: "osixia/docker-keepalived#14: neither host network nor NET_ADMIN",
      files: node(`services:
  keepalived:
    image: osixia/keepalived:2.0.20
    volumes:
      - ./keepalived.conf:/container/service/keepalived/assets/keepalived.conf
`),
      expect: [
        { line: 3, file: "lb01/docker-compose.yml", messageId: "noHostNetwork" },
        { line: 3, file: "lb01/docker-compose.yml", messageId: "netAdmin" },
      ],
    },
    {
      name: "every capability dropped, NET_ADMIN added back alone",
      files: node(`services:
  keepalived:
    image: example/keepalived:2.2.7
    network_mode: host
    cap_drop: [ALL]
    cap_add: [NET_ADMIN]
`),
      expect: [{ line: 3, file: "lb01/docker-compose.yml", messageId: "netRaw" }],
    },
  ],
});
