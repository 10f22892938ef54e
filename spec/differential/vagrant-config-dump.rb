# Prints what Vagrant itself makes of a Vagrantfile, as JSON on stdout, without booting anything: the reference side of
# vnet's differential test (spec/VagrantNet.Tests/Conversion/DifferentialTests.cs). Run with Debian's vagrant 2.3.4 and
# vagrant-libvirt installed:
#   ruby spec/differential/vagrant-config-dump.rb DIR...
# and it prints one object keyed by each DIR (made absolute).
# It registers one command with Vagrant's plugin API and then runs Vagrant's own launcher with that command, so the
# Vagrantfile is loaded, merged and finalized exactly as `vagrant up` would (box Vagrantfiles aside: no box is installed).
require "rubygems"
require "json"
gem "vagrant"
require "vagrant"

module VnetConfigDump
  SECRET = /pass(word|wd|phrase)|token|secret/i

  def self.plain(value, key = nil)
    return "********" if key && key.to_s.gsub("_", "") =~ SECRET && !value.nil?

    case value
    when nil, true, false, Integer, Float, String then value
    when Symbol then value.to_s
    when Regexp then value.source
    when Range then "#{value.first}..#{value.last}"
    when Pathname then value.to_s
    when Array then value.map { |v| plain(v) }
    when Hash then value.each_with_object({}) { |(k, v), h| h[k.to_s] = plain(v, k) }
    else
      return nil if defined?(Vagrant::Plugin::V2::Config::UNSET_VALUE) && value.equal?(Vagrant::Plugin::V2::Config::UNSET_VALUE)
      return value.to_s if value.is_a?(Proc) || value.is_a?(Method)
      settings(value)
    end
  end

  # An object's settings are its instance variables, the way Vagrant's config classes hold them (internal ones, named
  # with a leading underscore, and the logger left out).
  def self.settings(object)
    object.instance_variables.each_with_object({}) do |ivar, h|
      name = ivar.to_s.delete_prefix("@")
      next if name.start_with?("_") || name == "logger"
      h[name] = plain(object.instance_variable_get(ivar), name)
    end
  end

  def self.machine(name, config, provider)
    vm = config.vm
    {
      "name" => name.to_s,
      "provider" => provider.to_s,
      "vm" => {
        "box" => vm.box, "box_version" => plain(vm.box_version), "box_url" => plain(vm.box_url),
        "hostname" => plain(vm.hostname), "communicator" => plain(vm.communicator),
        "boot_timeout" => vm.boot_timeout, "graceful_halt_timeout" => vm.graceful_halt_timeout,
        "post_up_message" => plain(vm.post_up_message),
        "networks" => vm.networks.map { |type, options| { "kind" => type.to_s, "options" => plain(options) } },
        "synced_folders" => vm.synced_folders.map { |id, options| { "id" => id.to_s, "options" => plain(options) } },
        "provisioners" => vm.provisioners.map do |p|
          { "name" => plain(p.name), "type" => p.type.to_s, "run" => plain(p.run), "before" => plain(p.before),
            "after" => plain(p.after), "config" => p.config ? settings(p.config) : nil }
        end,
      },
      "ssh" => settings(config.ssh),
      "trigger" => {
        "before_triggers" => config.trigger.before_triggers.map { |t| settings(t) },
        "after_triggers" => config.trigger.after_triggers.map { |t| settings(t) },
      },
      "provider_settings" => settings(vm.get_provider_config(provider)),
      "provider_defaults" => provider_defaults(vm.get_provider_config(provider)),
    }
  end

  # What the provider's settings are when a Vagrantfile sets none: a setting equal to its default says nothing about
  # the user's file, so the comparison looks only at the others.
  def self.provider_defaults(config)
    pristine = config.class.new
    pristine.finalize!
    settings(pristine)
  rescue StandardError
    {}
  end

  # One Vagrant run serves every directory given (Vagrant's start-up is most of its time): each gets its own
  # environment; a Vagrantfile that Vagrant refuses is reported with Vagrant's message instead of machines.
  def self.project(dir, provider, env)
    # `vagrant` runs in the project directory, and Vagrantfiles read files relative to it (YAML.load_file("x.yml")).
    Dir.chdir(dir)
    project_env = Vagrant::Environment.new(cwd: dir, home_path: env.home_path, ui_class: Vagrant::UI::Silent)
    vagrantfile = project_env.vagrantfile
    machines = vagrantfile.machine_names.map do |name|
      loaded = vagrantfile.machine_config(name, provider, project_env.boxes, nil, false)
      machine(name, loaded[:config], provider)
    end
    { "machines" => machines }
  rescue Vagrant::Errors::VagrantError, StandardError, ScriptError => e
    { "error" => "#{e.class}: #{e.message}" }
  end

  def self.directories
    @directories ||= []
  end

  class Plugin < Vagrant.plugin("2")
    name "vnet-config-dump"
    command("vnet-config-dump") do
      Class.new(Vagrant.plugin("2", :command)) do
        def execute
          provider = (ENV["VAGRANT_DEFAULT_PROVIDER"] || "libvirt").to_sym
          projects = VnetConfigDump.directories.each_with_object({}) do |dir, result|
            result[dir] = VnetConfigDump.project(dir, provider, @env)
          end
          $stdout.puts JSON.pretty_generate(projects)
          0
        end
      end
    end
  end
end

VnetConfigDump.directories.concat(ARGV.map { |d| File.expand_path(d) })
ARGV.replace(["vnet-config-dump"])
load Gem.bin_path("vagrant", "vagrant")
