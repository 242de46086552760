/** The parts of Kubernetes pod specs the renderer builds, typed just enough to build them right. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
  };
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

/** A pod volume: a name plus one volume source (`emptyDir`, `configMap`, `persistentVolumeClaim`, …). */
export interface PodVolume {
  name: string;
  [source: string]: unknown;
}

export interface ContainerSpec {
  name: string;
  image: string;
  [field: string]: unknown;
}

export interface PodSpec {
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: PodVolume[];
}
