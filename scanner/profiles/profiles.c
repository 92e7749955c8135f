/* The table of language profiles: one row per language (see profile.h). */
#include "../profile.h"

#include <string.h>

extern const fq_profile fq_profile_javascript, fq_profile_typescript, fq_profile_tsx, fq_profile_python,
	fq_profile_go, fq_profile_java, fq_profile_kotlin, fq_profile_csharp, fq_profile_ruby, fq_profile_php;

/* in fq_lang order */
const fq_profile *const fq_profiles[] = {
	&fq_profile_javascript, &fq_profile_typescript, &fq_profile_tsx, &fq_profile_python, &fq_profile_go,
	&fq_profile_java, &fq_profile_kotlin, &fq_profile_csharp, &fq_profile_ruby, &fq_profile_php,
};
const size_t fq_profiles_count = sizeof(fq_profiles) / sizeof(fq_profiles[0]);

const fq_profile *fq_profile_of(fq_lang lang)
{
	if (lang <= FQ_LANG_NONE || (size_t)lang > fq_profiles_count)
		return NULL;
	return fq_profiles[lang - 1];
}

int fq_in_types(const char *const *list, const char *type)
{
	for (; list && *list; list++) {
		if (!strcmp(*list, type))
			return 1;
	}
	return 0;
}

int fq_in_list_n(const char *const *list, const char *s, size_t len)
{
	for (; list && *list; list++) {
		if (strlen(*list) == len && !memcmp(*list, s, len))
			return 1;
	}
	return 0;
}

const fq_shape *fq_shape_of(const fq_shape *shapes, const char *type)
{
	for (; shapes && shapes->type; shapes++) {
		if (!strcmp(shapes->type, type))
			return shapes;
	}
	return NULL;
}
