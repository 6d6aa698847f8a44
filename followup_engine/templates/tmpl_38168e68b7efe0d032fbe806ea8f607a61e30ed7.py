# Generated from second_follow_up_call.txt by `python -m followup_engine.template_code`: do not edit.
# ruff: noqa
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'second_follow_up_call.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role_phrase = resolve('role_phrase')
    l_0_at_company = resolve('at_company')
    l_0_ask_for = resolve('ask_for')
    l_0_hello = resolve('hello')
    l_0_first_contact_date = resolve('first_contact_date')
    l_0_interview_date = resolve('interview_date')
    l_0_thank_them = resolve('thank_them')
    pass
    yield 'Call script: one more check-in about '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield '\n\nAsk for '
    yield str((undefined(name='ask_for') if l_0_ask_for is missing else l_0_ask_for))
    yield ', then say:\n\n"'
    yield str((undefined(name='hello') if l_0_hello is missing else l_0_hello))
    yield ' '
    if (undefined(name='first_contact_date') if l_0_first_contact_date is missing else l_0_first_contact_date):
        pass
        yield 'I called on '
        yield str((undefined(name='first_contact_date') if l_0_first_contact_date is missing else l_0_first_contact_date))
        yield ' about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield ', after my interview on '
        yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
        yield '. I am still interested and wanted to ask once more whether there is any news on the decision.'
    else:
        pass
        yield 'I am calling about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield ', after my interview on '
        yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
        yield '. I am still interested and wanted to ask whether there is any news on the decision.'
    if (undefined(name='thank_them') if l_0_thank_them is missing else l_0_thank_them):
        pass
        yield ' Thank you for meeting with me.'
    yield '"\n\nIf you reach voicemail, leave one short message with your name and number.\n\nAfter this call, stop chasing: let the silence go and put your energy into your other applications.'

blocks = {}
debug_info = '2=19&4=22&6=24'
