// Service Connect: the namespace as a Docker network, a pair of agents per discovery name.
export * from './contract.js';
export { DockerServiceConnect, AGENT_IMAGE, DEFAULT_AGENT_REPLICAS, type DockerServiceConnectOptions } from './docker-service-connect.js';
export { AgentNotFoundError, AdminCallError, HelperContainerError, HelperImageError, NamespaceInUseError } from './errors.js';
export { agentContainerName, namespaceNetworkName, SC_LABEL, AGENT_ADMIN_PORT } from './names.js';
// Shared with task-metadata/ (the other helper container on the namespace network).
export { AdminClient } from './admin-client.js';
export { adminAccess, ensureRunning, findHelperContainers, removeContainers, startHelperContainer } from './helper-container.js';
export type { AdminAccess, HelperContainerSpec } from './helper-container.js';
export { ensureProgramImage, type ProgramImageSpec } from './program-image.js';
