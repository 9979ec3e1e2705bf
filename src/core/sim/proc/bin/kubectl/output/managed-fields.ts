// kubectl prints json and yaml without metadata.managedFields unless --show-managed-fields: its JSONYamlPrintFlags wrap
// the printer in printers.OmitManagedFieldsPrinter (k8s.io/cli-runtime pkg/genericclioptions/json_yaml_flags.go,
// pkg/printers/managedfields.go), which clears the field on the object, or on every item of a List.

/** A copy of `data` (an object or a List) without metadata.managedFields; `data` itself is left as it was. */
export function omitManagedFields(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const obj = data as Record<string, unknown>;
  if (Array.isArray(obj.items)) return { ...obj, items: obj.items.map(omitManagedFields) };
  const meta = obj.metadata;
  if (typeof meta !== 'object' || meta === null || !('managedFields' in meta)) return data;
  const { managedFields: _omitted, ...rest } = meta as Record<string, unknown>;
  return { ...obj, metadata: rest };
}
