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
