{{/* Full name of the release's objects, at most 63 characters. */}}
{{- define "videoplatform-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "videoplatform-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "videoplatform-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "videoplatform-operator.selectorLabels" -}}
app.kubernetes.io/name: videoplatform-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "videoplatform-operator.labels" -}}
{{ include "videoplatform-operator.selectorLabels" . }}
app.kubernetes.io/part-of: videoplatform
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/*
The rules the operator needs where it reconciles VideoPlatforms: exactly those the Quarkus Operator
SDK generates from its dependents (k8s/operator/operator.yaml); GeneratedManifestsIT fails if they
drift apart.
*/}}
{{- define "videoplatform-operator.rules" -}}
- apiGroups:
    - videoplatform.dev
  resources:
    - videoplatforms
    - videoplatforms/status
    - videoplatforms/finalizers
  verbs:
    - get
    - list
    - watch
    - patch
    - update
    - create
    - delete
- apiGroups:
    - autoscaling
  resources:
    - horizontalpodautoscalers
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - ""
  resources:
    - services
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - ""
  resources:
    - secrets
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - monitoring.coreos.com
  resources:
    - servicemonitors
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - policy
  resources:
    - poddisruptionbudgets
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - ""
  resources:
    - persistentvolumeclaims
  verbs:
    - create
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - apps
  resources:
    - deployments
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - networking.k8s.io
  resources:
    - networkpolicies
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - ""
  resources:
    - configmaps
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - kafka.strimzi.io
  resources:
    - kafkatopics
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
- apiGroups:
    - ""
  resources:
    - events
  verbs:
    - create
- apiGroups:
    - ""
  resources:
    - pods
  verbs:
    - get
    - list
    - watch
- apiGroups:
    - networking.k8s.io
  resources:
    - ingresses
  verbs:
    - create
    - delete
    - get
    - list
    - patch
    - update
    - watch
# StorageClasses are cluster-scoped: this rule grants something only in cluster-wide mode; in
# namespaced mode the operator skips its shared-volume check (docs/install.md).
- apiGroups:
    - storage.k8s.io
  resources:
    - storageclasses
  verbs:
    - get
    - list
{{- end -}}

{{/* Namespaces whose VideoPlatforms are reconciled (namespaced mode): the release's by default. */}}
{{- define "videoplatform-operator.watchNamespaces" -}}
{{- if .Values.watchNamespaces -}}
{{- join "," .Values.watchNamespaces -}}
{{- else -}}
{{- .Release.Namespace -}}
{{- end -}}
{{- end -}}
