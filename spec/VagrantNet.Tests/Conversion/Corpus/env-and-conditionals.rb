# corpus-files: keys/id_ed25519
BOX_NAME = ENV.fetch("VAGRANT_BOX", "debian/bookworm64")
MEMORY = (ENV["VM_MEMORY"] || "1024").to_i
WITH_GUI = ENV["GUI"] == "1"

Vagrant.require_version ">= 2.2.0"

Vagrant.configure("2") do |config|
  config.vm.box = BOX_NAME
  config.vm.boot_timeout = 600
  config.vm.graceful_halt_timeout = 30

  if Vagrant.has_plugin?("vagrant-cachier")
    config.cache.scope = :box
  end

  config.vm.provider :libvirt do |libvirt, override|
    libvirt.memory = MEMORY
    libvirt.cpus = WITH_GUI ? 4 : 2
    libvirt.graphics_type = WITH_GUI ? "spice" : "none"
    override.vm.box = "generic/debian12" if ENV["USE_GENERIC"]
  end

  config.ssh.username = "vagrant"
  config.ssh.forward_agent = true
  config.ssh.private_key_path = "keys/id_ed25519"
end
