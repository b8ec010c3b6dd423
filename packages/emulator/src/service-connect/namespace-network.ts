// The Service Connect namespace as a Docker bridge network. Docker's embedded
// DNS answers network aliases only to containers on the same user-defined
// network: that is what keeps discovery names inside the namespace.
import type Docker from 'dockerode';
import { stackFilter, stackLabels } from '../labels/index.js';
import { NamespaceInUseError } from './errors.js';
import { namespaceNetworkName, SC_LABEL } from './names.js';

/** Finds the stack's network for this namespace, or creates it. Returns true when it created it. */
export async function ensureNamespaceNetwork(docker: Docker, stack: string, namespace: string, name: string): Promise<boolean> {
  if (await findNetwork(docker, stack, namespace)) return false;
  try {
    await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: stackLabels(stack, 'namespace-network', { [SC_LABEL.namespace]: namespace }),
    });
    return true;
  } catch (error) {
    // Two callers raced: the other one created it.
    if ((error as { statusCode?: number }).statusCode === 409 && (await findNetwork(docker, stack, namespace))) return false;
    throw error;
  }
}

/**
 * Removes the stack's namespace network. Refuses (NamespaceInUseError) while
 * containers are still attached: those are tasks or helpers that their owners
 * remove first; this never disconnects or removes anything it did not create.
 */
export async function removeNamespaceNetwork(docker: Docker, stack: string, namespace: string): Promise<boolean> {
  const network = await findNetwork(docker, stack, namespace);
  if (!network) return false;
  const details = (await docker.getNetwork(network.Id).inspect()) as { Containers?: Record<string, { Name: string }> };
  const attached = Object.values(details.Containers ?? {}).map((c) => c.Name);
  if (attached.length) throw new NamespaceInUseError(network.Name, attached);
  try {
    await docker.getNetwork(network.Id).remove();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  return true;
}

async function findNetwork(docker: Docker, stack: string, namespace: string): Promise<Docker.NetworkInspectInfo | undefined> {
  const networks = await docker.listNetworks({
    filters: { label: [...stackFilter(stack, 'namespace-network').label, `${SC_LABEL.namespace}=${namespace}`] },
  });
  return networks.find((n) => n.Name === namespaceNetworkName(stack, namespace)) ?? networks[0];
}
